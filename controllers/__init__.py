from . import main
from . import portal
from . import rma
from . import finance

from . import main
from . import portal
from . import b2b_admin
from . import b2b_approval

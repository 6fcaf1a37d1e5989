from . import main
from . import portal
from . import rma
from . import finance
from . import onboarding
from . import documents
from . import support
from . import orders

from . import main
from . import portal
from . import onboarding
from . import documents
from . import support

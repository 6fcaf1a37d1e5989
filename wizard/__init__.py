from . import b2b_grant_wizard
from . import b2b_reconciliation_wizard

from . import b2b_grant_wizard
from . import b2b_reconciliation_wizard
from . import b2b_apply_approve_wizard
from . import b2b_apply_reject_wizard

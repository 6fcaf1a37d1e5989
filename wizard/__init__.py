from . import (
    b2b_apply_approve_wizard,
    b2b_apply_reject_wizard,
    b2b_grant_wizard,
    b2b_reconciliation_wizard,
)

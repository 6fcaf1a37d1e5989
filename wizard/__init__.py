from . import b2b_grant_wizard

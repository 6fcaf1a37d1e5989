# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import controllers
from . import models
from . import report
from . import wizard


def uninstall_hook(env):
    """Give the core portal rules back their stock domains."""
    env["ir.rule"]._b2b_restore_core_rules()

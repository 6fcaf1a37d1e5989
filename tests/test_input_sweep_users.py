# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""G4 and S6 (``sweep_common.py``) over the customer administrators' pages
(U11): invite, save, switch on/off, send credentials; the approvals of orders
(U12).
"""

from odoo.tests import tagged

from ..models.b2b_permissions import PERMISSION_NAMES
from .sweep_common import (
    BIG_TEXT,
    CHOICE,
    ID,
    MULTI,
    NUL,
    NUL_REFUSED,
    NUMBER,
    TEXT,
    TRIMMED,
    F,
    InputSweepCommon,
    S,
)


@tagged("post_install", "-at_install")
class TestInputSweepUsers(InputSweepCommon):
    SWEEP = {
        "/my/b2b/users/invite": S(
            "_p_invite",
            {
                "name": F(TEXT),
                "login": F(TEXT),
                "profile_id": F(ID, foreign="_v_archived_profile"),
                "perms": F(MULTI),
                "max_order_amount": F(NUMBER),
                "max_month_amount": F(NUMBER),
            },
            message=r"o_b2b_admin_error",
            accept={
                "perms:*": "unknown permission names are ignored (whitelist); none ticked "
                "is a user without permissions",
                "perms:nul": None,  # refused like every NUL character
                **{
                    f"{name}:{variant}": "an empty limit means no limit"
                    for name in ("max_order_amount", "max_month_amount")
                    for variant in ("empty", "absent")
                },
                "profile_id:empty": "no profile: the permission boxes alone count",
                "profile_id:absent": "no profile: the permission boxes alone count",
                "name:oversized": (TRIMMED + " (256)", "_check_invite_trimmed"),
            },
            extra={
                "staff login": {"login": "admin"},
                "login of a B2B user of A already": {"login": "noorders_b2b"},
            },
            expect={
                **{
                    f"{name}:{variant}": "Please enter valid numbers."
                    for name in ("max_order_amount", "max_month_amount")
                    for variant in ("nan", "inf", "1e309", "oversized")
                },
                "name:nul": NUL_REFUSED,
            },
        ),
        "/my/b2b/users/<int:access_id>": S(
            "_p_user_save",
            {
                "profile_id": F(ID, foreign="_v_archived_profile"),
                "perms": F(MULTI),
                "max_order_amount": F(NUMBER),
                "max_month_amount": F(NUMBER),
            },
            message=r"o_b2b_admin_error",
            record="_r_access",
            foreign="_f_access",
            accept={
                "perms:*": "unknown permission names are ignored (whitelist); none ticked "
                "takes every permission away",
                "perms:nul": None,  # refused like every NUL character
                **{
                    f"{name}:{variant}": "an empty limit means no limit"
                    for name in ("max_order_amount", "max_month_amount")
                    for variant in ("empty", "absent")
                },
                "profile_id:empty": "no profile: the permission boxes alone count",
                "profile_id:absent": "no profile: the permission boxes alone count",
            },
            expect={
                f"{name}:{variant}": "Please enter valid numbers."
                for name in ("max_order_amount", "max_month_amount")
                for variant in ("nan", "inf", "1e309", "oversized")
            },
            inspect="_i_target",
            forge={"state": "passive", "name": "Forged Name", "login": "forged@example.com"},
        ),
        "/my/b2b/users/<int:access_id>/state": S(
            "_p_user_state",
            {"state": F(CHOICE)},
            record="_r_access",
            foreign="_f_access",
            inspect="_i_target",
            forge={"name": "Forged Name", "login": "forged@example.com"},
        ),
        "/my/b2b/users/<int:access_id>/credentials": S(
            "_p_empty",
            {},
            record="_r_access",
            foreign="_f_access",
            inspect="_i_target",
            forge={"state": "passive", "name": "Forged Name", "login": "forged@example.com"},
        ),
        "/my/b2b/approvals/<int:order_id>/<any(approve,reject):decision>": S(
            "_p_reject",
            {"comment": F(TEXT)},
            message=r"o_b2b_approval_error",
            record="_r_waiting_order",
            foreign="_f_order",
            args={"decision": "reject"},
            extra={
                "approve with an oversized comment": {
                    "__args__": {"decision": "approve"},
                    "comment": BIG_TEXT,
                },
                "approve with a NUL character": {
                    "__args__": {"decision": "approve"},
                    "comment": NUL,
                },
            },
            expect={
                "comment:oversized": "The comment is too long.",
                "extra:approve with an oversized comment": "The comment is too long.",
                "extra:approve with a NUL character": NUL_REFUSED,
            },
            inspect="_i_waiting_order",
            forge={"b2b_approval_state": "approved", "b2b_approver_id": "_v_admin_id"},
        ),
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.access_target = cls.env["b2b.access"].create(
            {
                "partner_id": cls.company_a.id,
                "login": "target_b2b",
                "name": "Tom Target",
                "new_password": "target_b2b",
                "profile_id": cls.profile.id,
                **{f"perm_{name}": name == "orders" for name in PERMISSION_NAMES},
            }
        )
        cls.access_target.user_id.partner_id.email = "tom.target@example.com"
        cls.profile_archived = cls.env["b2b.profile"].create(
            {"name": "Archived profile", "active": False}
        )
        # an order of A waiting for approval: the shared login's limit is 10
        cls.access_shared_a.max_order_amount = 10.0
        cls.waiting_order = cls._create_order(cls.company_a, confirm=False)
        cls.waiting_order.with_user(cls.user_shared).with_context(
            b2b_partner_id=cls.company_a.id
        ).sudo().action_confirm()
        assert cls.waiting_order.b2b_approval_state == "waiting", "fixture: not waiting"

    # ------------------------------------------------------------
    # Records, values, valid payloads and checks
    # ------------------------------------------------------------

    def _r_access(self):
        return {"access_id": self.access_target}

    def _f_access(self):
        return {"access_id": self.access_b}

    def _r_waiting_order(self):
        return {"order_id": self.waiting_order}

    def _v_archived_profile(self):
        return str(self.profile_archived.id)

    def _p_invite(self):
        return {
            "name": "Ivy Invited",
            "login": "ivy.invited@example.com",
            "profile_id": str(self.profile.id),
            "perms": ["orders", "support"],
            "max_order_amount": "100",
            "max_month_amount": "1000",
        }

    def _p_user_save(self):
        return {
            "profile_id": str(self.profile.id),
            "perms": ["orders", "support"],
            "max_order_amount": "100",
            "max_month_amount": "1000",
        }

    def _p_user_state(self):
        return {"state": "passive"}

    def _p_reject(self):
        return {"comment": "Too expensive this month"}

    def _i_target(self):
        return [
            self.access_target,
            self.access_target.user_id,
            self.access_target.user_id.partner_id,
        ]

    def _i_waiting_order(self):
        return [self.waiting_order, self.waiting_order.order_line]

    def _check_invite_trimmed(self, res, before, after):
        access = self._new("b2b.access", before)
        self.assertEqual(len(access), 1)
        self.assertEqual(access.partner_id, self.company_a)
        self.assertEqual(len(access.user_id.name), 256)

    # ------------------------------------------------------------
    # Tests (sweep_common.InputSweepCommon)
    # ------------------------------------------------------------

    def test_bad_input_sweep(self):
        self.run_bad_input_sweep()

    def test_mass_assignment(self):
        self.run_mass_assignment()

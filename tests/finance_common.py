# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import Command

from .common import B2bCommon


class B2bFinanceCommon(B2bCommon):
    """Dated invoices, payments and credit notes for the statement tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.currency = cls.company.currency_id
        cls.Builder = cls.env["b2b.statement.builder"]
        cls.access_no_finance = cls.env["b2b.access"].create(
            {
                "partner_id": cls.company_a.id,
                "login": "nofinance_b2b",
                "name": "Nils No-Finance",
                "new_password": "nofinance_b2b",
                "perm_payments": False,
                "perm_statements": False,
            }
        )
        cls.user_no_finance = cls.access_no_finance.user_id

    @classmethod
    def _invoice(cls, partner, amount, inv_date, due=None, move_type="out_invoice", currency=None):
        vals = {
            "move_type": move_type,
            "partner_id": partner.id,
            "invoice_date": inv_date,
            "date": inv_date,
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": cls.product.id,
                        "quantity": 1,
                        "price_unit": amount,
                        "tax_ids": [Command.clear()],
                    }
                )
            ],
        }
        if due:
            vals["invoice_date_due"] = due
        if currency:
            vals["currency_id"] = currency.id
        move = cls.env["account.move"].create(vals)
        move.action_post()
        return move

    @classmethod
    def _pay(cls, invoices, amount=None, pay_date=None):
        vals = {"payment_date": pay_date or date.today()}
        if amount is not None:
            vals["amount"] = amount
        return (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoices.ids)
            .create(vals)
            ._create_payments()
        )

    @classmethod
    def _advance(cls, partner, amount, pay_date):
        """A received payment not matched with any invoice."""
        payment = cls.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": partner.id,
                "amount": amount,
                "date": pay_date,
            }
        )
        payment.action_post()
        return payment

    @classmethod
    def _receivable_items(cls, partner, dates, per_move=50):
        """One posted receivable item for ``partner`` per date of ``dates``
        (journal entries of ``per_move`` items a date: several items share a date
        and an entry, as on a busy ledger); debits 1, 2, 3, ... and every third
        item a credit, so running balances tell the rows apart."""
        receivable = partner.with_company(cls.company).property_account_receivable_id
        income = cls.env["account.account"].search(
            [("account_type", "=", "income"), ("company_ids", "in", cls.company.ids)], limit=1
        )
        by_date = {}
        for index, item_date in enumerate(dates):
            by_date.setdefault(item_date, []).append(index)
        vals_list = []
        for item_date, indexes in by_date.items():
            for first in range(0, len(indexes), per_move):
                lines = []
                for index in indexes[first : first + per_move]:
                    amount = float(index + 1)
                    side = "credit" if index % 3 == 2 else "debit"
                    other = "debit" if side == "credit" else "credit"
                    lines += [
                        Command.create(
                            {
                                "account_id": receivable.id,
                                "partner_id": partner.id,
                                "name": f"Item {index}",
                                side: amount,
                            }
                        ),
                        Command.create({"account_id": income.id, "name": "Income", other: amount}),
                    ]
                vals_list.append({"move_type": "entry", "date": item_date, "line_ids": lines})
        moves = cls.env["account.move"].create(vals_list)
        moves.action_post()
        return moves


class ReconciliationMixin:
    @classmethod
    def _issue(cls, partner, date_from=None, date_to=None):
        rec = cls.env["b2b.reconciliation"].create(
            {
                "partner_id": partner.id,
                "date_from": date_from or date.today().replace(day=1),
                "date_to": date_to or date.today(),
            }
        )
        rec.action_issue()
        return rec

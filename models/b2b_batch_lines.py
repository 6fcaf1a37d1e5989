# Copyright 2026 b2b_portal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Many cart lines created at once (quick order, order again): the lookups Odoo
does once per line are done once for the batch.

``sale.order._b2b_cart_add_lines`` opens a batch (``b2b_line_batch`` below) for
the products it adds. Within it:

* the pricelist rules are searched once per pricelist and date for all the
  products of the batch (a superset of each line's rules, in the same order;
  ``_compute_price_rule`` keeps the first rule ``_is_applicable_for`` the
  product, so every line gets the rule and the price it gets alone);
* the analytic distribution models are not searched per line when the database
  has none at all (one query for the batch).

The overrides live with their models (``product_pricelist.py``,
``account_analytic_distribution_model.py``). Outside a batch nothing changes."""

from contextlib import contextmanager

BATCH_KEY = "b2b_line_batch"


@contextmanager
def b2b_line_batch(env, products):
    """Batch the per-line lookups for ``products`` (product.product) while the
    block runs (kept on the cursor, dropped at the end whatever happens)."""
    env.cr.cache[BATCH_KEY] = {"product_ids": frozenset(products.ids), "rules": {}}
    try:
        yield
    finally:
        env.cr.cache.pop(BATCH_KEY, None)


def batch_of(env):
    """The batch open on this cursor, or None."""
    return env.cr.cache.get(BATCH_KEY)

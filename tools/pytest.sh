#!/usr/bin/env bash
# `make pytest`: run test files of the addon with pytest-odoo (>= 2.2) against a
# throw-away database where b2b_portal is installed (without demo data: the
# tests build their own fixtures), then drop it. Odoo's runner (`make test`)
# stays the main suite; this proves the tests also run the way many Odoo
# developers run them:
#     pytest --odoo-database=DB --odoo-addons-path=... tests/test_x.py
#
# pytest-odoo imports the tests as odoo.addons.<directory name>, so they run
# from a copy of the checkout's tracked files in a directory named b2b_portal
# (the checkout itself may be called anything).
# Needs ODOO_SRC, VENV (set by the Makefile). Knobs: PYTEST_FILES (default
# tests/test_b2b_access.py), PYTEST_ARGS, PYTEST_DB, KEEP_DB=1.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
files="${PYTEST_FILES:-tests/test_b2b_access.py}"
db="${PYTEST_DB:-b2b_pytest_$$}"
work="$(mktemp -d /tmp/b2b_pytest.XXXXXX)"
cleanup() {
    [ "${KEEP_DB:-0}" = 1 ] || dropdb --if-exists "$db" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/addons/b2b_portal"
(cd "$repo" && git ls-files -z | tar --null -T - -cf -) | tar -xf - -C "$work/addons/b2b_portal"
addons="$work/addons,$ODOO_SRC/addons,$ODOO_SRC/odoo/addons"
echo "pytest: installing b2b_portal into $db (no demo data)"
"$VENV/bin/python" "$ODOO_SRC/odoo-bin" -d "$db" --addons-path="$addons" -i b2b_portal \
    --stop-after-init --log-level=warn --http-interface=127.0.0.1 --data-dir="$work/data" \
    >"$work/init.log" 2>&1 || { tail -40 "$work/init.log"; exit 1; }
cd "$work/addons/b2b_portal"
# shellcheck disable=SC2086
"$VENV/bin/python" -m pytest -p no:cacheprovider --odoo-database="$db" \
    --odoo-addons-path="$addons" --odoo-log-level=warn ${PYTEST_ARGS:-} $files

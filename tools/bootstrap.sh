#!/usr/bin/env bash
# Prepare everything `make run` / `make test` need, idempotently:
#   - the Odoo 19.0 tree (ODOO_SRC, else /opt/odoo/19.0, else a git clone)
#   - Debian packages (when root): build headers, wkhtmltopdf, chromium, poppler
#   - a venv outside the repository, keyed by the hash of the requirements
#   - a reachable PostgreSQL
# Prints "ODOO_SRC=... VENV=..." on its last line for the Makefile.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"

log() { echo "[bootstrap] $*" >&2; }

# --- Odoo source -----------------------------------------------------------
odoo_src="${ODOO_SRC:-}"
if [ -z "$odoo_src" ]; then
    if [ -f /opt/odoo/19.0/odoo-bin ]; then
        odoo_src=/opt/odoo/19.0
    else
        odoo_src="${HOME}/.cache/b2b_portal/odoo-19.0"
        if [ ! -f "$odoo_src/odoo-bin" ]; then
            log "cloning odoo/odoo 19.0 into $odoo_src (set ODOO_SRC to use an existing tree)"
            git clone --depth 1 --branch 19.0 https://github.com/odoo/odoo.git "$odoo_src" >&2
        fi
    fi
fi
[ -f "$odoo_src/odoo-bin" ] || { log "no odoo-bin in $odoo_src"; exit 1; }

# --- Debian packages ---------------------------------------------------------
need_pkgs=()
command -v pg_config >/dev/null || need_pkgs+=(libpq-dev)
[ -e /usr/include/ldap.h ] || need_pkgs+=(libldap2-dev)
[ -e /usr/include/sasl/sasl.h ] || need_pkgs+=(libsasl2-dev)
command -v wkhtmltopdf >/dev/null || need_pkgs+=(wkhtmltopdf)
command -v chromium >/dev/null || command -v google-chrome >/dev/null || need_pkgs+=(chromium)
command -v pdftoppm >/dev/null || need_pkgs+=(poppler-utils)
command -v psql >/dev/null || need_pkgs+=(postgresql-client)
if [ ${#need_pkgs[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        log "installing Debian packages: ${need_pkgs[*]}"
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >&2
    else
        log "missing system packages (install them as root): ${need_pkgs[*]}"
    fi
fi

# --- venv ----------------------------------------------------------------------
key=$(cat "$odoo_src/requirements.txt" "$here/requirements.txt" 2>/dev/null | sha256sum | cut -c1-16)
venv="${B2B_VENV:-${HOME}/.cache/b2b_portal/venv-$key}"
if [ ! -e "$venv/.complete" ]; then
    log "building venv $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --upgrade pip >&2
    "$venv/bin/pip" install -q "setuptools<70" wheel setuptools_scm >&2
    "$venv/bin/pip" install -q --no-build-isolation -r "$odoo_src/requirements.txt" >&2
    if [ -s "$here/requirements.txt" ]; then
        "$venv/bin/pip" install -q -r "$here/requirements.txt" >&2
    fi
    touch "$venv/.complete"
fi

# --- test runners (requirements-test.txt) ---------------------------------------
# Kept out of the venv's key: a marker per content of the file installs them
# into an existing venv once, without rebuilding it.
test_key=$(sha256sum "$here/requirements-test.txt" 2>/dev/null | cut -c1-12 || true)
if [ -n "$test_key" ] && [ ! -e "$venv/.test-$test_key" ]; then
    log "installing the test runners (requirements-test.txt) into $venv"
    "$venv/bin/pip" install -q -r "$here/requirements-test.txt" >&2
    rm -f "$venv"/.test-*
    touch "$venv/.test-$test_key"
fi

# --- Odoo as an installed distribution -------------------------------------------
# OCA's addon wheels (odoo-addon-*, built with whool) depend on the `odoo`
# distribution (odoo>=19.0a,<19.1dev), and pip refuses them unless Odoo itself
# is installed in the venv. We install the Odoo tree in place (editable):
#   --no-deps: its requirements are already installed above from
#     requirements.txt, pinned; setup.py's unpinned install_requires would
#     let pip upgrade them;
#   --no-build-isolation: build with the venv's setuptools<70 instead of
#     downloading a fresh setuptools into a temporary build environment;
#   -e with editable_mode=compat: nothing is copied, the venv gets a .pth
#     line with the tree's path (what odoo-bin puts on sys.path anyway), so
#     odoo-bin and `$venv/bin/odoo` run the same code; a copy in
#     site-packages could drift from the tree odoo-bin runs. setuptools'
#     default "lenient" editable mode would instead generate an import hook
#     mapping every package of the tree (megabytes, slow to import).
#   Addon wheels land in site-packages/odoo/addons/<name>; odoo is a
#   namespace package, so Odoo finds them there with no --addons-path entry.
# Also done for a venv built before this step (no rebuild); a no-op afterwards
# unless the venv's odoo points to another tree.
odoo_pkg_dir="$("$venv/bin/python" -I - <<'PY' 2>/dev/null || true
import importlib.metadata as m, importlib.util, os
m.version("odoo")
spec = importlib.util.find_spec("odoo.release")
print(os.path.dirname(os.path.dirname(os.path.realpath(spec.origin))))
PY
)"
if [ "$odoo_pkg_dir" != "$(realpath "$odoo_src")" ]; then
    log "installing the Odoo tree $odoo_src into $venv (pip install -e, no deps)"
    (cd / && "$venv/bin/pip" install -q --no-deps --no-build-isolation \
        --config-settings editable_mode=compat -e "$odoo_src") >&2
fi

# --- PostgreSQL ----------------------------------------------------------------
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && ! pg_isready -q 2>/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v pg_ctlcluster >/dev/null; then
        ver=$(ls /etc/postgresql | head -1)
        log "starting PostgreSQL $ver"
        pg_ctlcluster --skip-systemctl-redirect "$ver" main start >&2 || true
    fi
fi
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && ! pg_isready -q 2>/dev/null; then
    log "PostgreSQL is not reachable on 127.0.0.1:5432."
    log "Start it, e.g.: pg_ctlcluster --skip-systemctl-redirect 15 main start"
    exit 1
fi
if ! psql -d postgres -Atc 'select 1' >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        su postgres -c "createuser -s $(whoami)" >&2 2>/dev/null || true
    fi
fi
psql -d postgres -Atc 'select 1' >/dev/null 2>&1 || { log "cannot connect to PostgreSQL as $(whoami): run 'createuser -s $(whoami)' as postgres"; exit 1; }

echo "ODOO_SRC=$odoo_src VENV=$venv"

#!/usr/bin/env bash
# `make package`: build the addon as a wheel (pyproject.toml, whool) and prove
# that it installs the way OCA addons install:
#   1. pip wheel: dist/odoo_addon_b2b_portal-19.0.*.whl;
#   2. a throwaway venv that has Odoo: a new venv whose site-packages sees the
#      main venv's packages (a .pth line: Odoo's requirements and the `odoo`
#      distribution that tools/bootstrap.sh installs), so nothing is
#      downloaded or compiled; the wheel goes into its own site-packages with
#      plain `pip install` (pip checks its odoo==19.0.* requirement against the
#      installed odoo distribution);
#   3. `python -m odoo -d <fresh db> -i b2b_portal --stop-after-init` with only
#      Odoo's own addons on --addons-path (not the checkout): the log must show
#      b2b_portal loaded from site-packages/odoo/addons, the module must end up
#      installed, no ERROR/CRITICAL line; then the database is dropped.
# Needs ODOO_SRC, VENV (set by the Makefile from tools/bootstrap.sh).
# Knobs: DIST_DIR (default dist/), KEEP_PACKAGE_DB=1 (keep db and venv).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module=b2b_portal
die() { echo "package: $*" >&2; exit 2; }
[ -n "${ODOO_SRC:-}" ] && [ -n "${VENV:-}" ] || die "ODOO_SRC and VENV must be set; use 'make package'"
dist="${DIST_DIR:-$repo/dist}"
work="$(mktemp -d "${TMPDIR:-/tmp}/b2b_package.XXXXXX")"
db="b2b_package_$$"
port="${PACKAGE_PORT:-8269}"

cleanup() {
    local st=$?
    if [ "${KEEP_PACKAGE_DB:-}" = 1 ]; then
        echo "package: KEEP_PACKAGE_DB=1: keeping database $db and $work" >&2
    else
        PGOPTIONS='-c client_min_messages=warning' dropdb --if-exists --force "$db" \
            || echo "package: WARNING: could not drop database $db" >&2
        rm -rf "$work"
    fi
    return $st
}
trap cleanup EXIT

# --- 1. the wheel ------------------------------------------------------------------
# whool names the distribution after the directory (odoo-addon-<dirname>) and
# packages the files under git control. A checkout not named b2b_portal (a CI
# clone, a worktree) is built from a local clone named b2b_portal, which has
# the same history (the version's post-release number counts the commits
# since the manifest's version changed): that builds the committed HEAD.
src="$repo"
if [ "$(basename "$repo")" != "$module" ]; then
    git clone --quiet --shared "$repo" "$work/$module"
    src="$work/$module"
    if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
        echo "package: WARNING: uncommitted changes in $repo are not in the wheel (it is built from HEAD)" >&2
    fi
fi
mkdir -p "$dist"
rm -f "$dist"/odoo_addon_"$module"-*.whl
echo "package: pip wheel $src -> $dist"
(cd "$src" && "$VENV/bin/pip" wheel --quiet --no-deps --wheel-dir "$dist" .)
wheel="$(ls "$dist"/odoo_addon_"$module"-19.0.*-py3-none-any.whl 2>/dev/null | head -1)"
[ -n "$wheel" ] || die "no $dist/odoo_addon_$module-19.0.*.whl was built"
echo "package: built $(basename "$wheel") ($(du -k "$wheel" | cut -f1) kB)"

# --- 2. a throwaway venv with Odoo, the wheel installed with plain pip -------------
base_python="$("$VENV/bin/python" -c 'import sys; print(sys._base_executable)')"
"$base_python" -m venv "$work/venv"
site="$("$work/venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
main_site="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
# addsitedir (not a bare path line) so that the main venv's own .pth files run
# too, among them the one of the editable odoo install.
echo "import site; site.addsitedir('$main_site')" > "$site/_b2b_main_venv.pth"
"$work/venv/bin/python" -c 'import importlib.metadata as m; print("package: throwaway venv sees odoo", m.version("odoo"))'
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "$wheel" 2> >(grep -v "^WARNING: Location" >&2)
installed="$site/odoo/addons/$module/__manifest__.py"
[ -f "$installed" ] || die "the wheel did not install $installed"
echo "package: installed into $site/odoo/addons/$module"

# --- 3. install the addon from site-packages into a fresh database -----------------
PGOPTIONS='-c client_min_messages=warning' dropdb --if-exists --force "$db"
log="$work/install.log"
echo "package: odoo -d $db -i $module --addons-path=$ODOO_SRC/addons (no checkout)"
set +e
(cd "$work" && timeout --foreground -k 30 1200 "$work/venv/bin/python" -m odoo \
    -d "$db" --addons-path="$ODOO_SRC/addons" -i "$module" --stop-after-init \
    --without-demo=all --data-dir="$work/data" --http-interface=127.0.0.1 --http-port="$port" \
    --log-level=info) > "$log" 2>&1
rc=$?
set -e
state="$(psql -d "$db" -Atc "SELECT state FROM ir_module_module WHERE name = '$module'" 2>/dev/null || true)"
bad="$(grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log" || true)"
paths="$(grep -m1 'addons paths:' "$log" || true)"
fail=()
[ "$rc" = 0 ] || fail+=("odoo exited with status $rc")
[ "$state" = installed ] || fail+=("$module is '${state:-absent}' in $db, not installed")
[ -z "$bad" ] || fail+=("$(grep -c . <<<"$bad") ERROR/CRITICAL line(s)")
grep -qF "$site/odoo/addons" <<<"$paths" || fail+=("site-packages/odoo/addons is not on Odoo's addons path")
grep -qF "$repo" <<<"$paths" && fail+=("the checkout $repo is on Odoo's addons path")
echo "package: $paths"
if [ ${#fail[@]} -gt 0 ]; then
    [ -z "$bad" ] || sed 's/^/    /' <<<"$bad" | head -20
    tail -30 "$log" | sed 's/^/    /'
    echo "package: FAILED - $(IFS=';'; echo "${fail[*]}")"
    exit 1
fi
echo "package: OK - $(basename "$wheel") installs $module into a fresh database from site-packages"

#!/usr/bin/env bash
# Run the b2b_portal test suite in a throw-away database and judge the log.
#
# Usage:
#   tools/run_tests.sh                    run the tests (what `make test` calls)
#   tools/run_tests.sh --parse LOG [RC]   only judge an existing Odoo log file;
#                                         RC is odoo-bin's exit status, if known
#
# Running needs ODOO_SRC, VENV and ADDONS_PATH in the environment; `make test`
# sets them from tools/bootstrap.sh.  Knobs (all optional):
#   B2B_MODULE        module to install and test      (default: b2b_portal)
#   TEST_TAGS         --test-tags value                (default: /$B2B_MODULE)
#   TEST_DB           database name                    (default: b2b_test_<pid>)
#   TEST_PORT         first HTTP port to try           (default: 8169)
#   TEST_TIMEOUT      hard limit in seconds            (default: 5400 = 90 min)
#   TEST_LOG_DIR      where logs are kept              (default: <repo>/.logs)
#   KEEP_DB=1         keep the database and data dir afterwards (debugging)
#   LIFECYCLE=0       skip the upgrade (-u) and uninstall checks after the tests
#   COVERAGE=0        skip the branch coverage of the addon's Python (measured
#                     by default with `coverage run` around odoo-bin; the run
#                     fails below COVERAGE_MIN, default 90)
#
# The last line printed is always "N passed, N failed" (failed = failures +
# errors as counted by Odoo).  The exit status is non-zero when a test failed,
# when no test ran, when the log has ERROR/CRITICAL lines, when a browser tour
# could not run, when the module could not be loaded, or when odoo-bin failed.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

die() { echo "run_tests: $*" >&2; exit 2; }

# --------------------------------------------------------------------------
# Log judging (pure function of the log file; usable on its own)
# --------------------------------------------------------------------------
parse_log() {
    local log="$1" rc="${2:-}"
    [ -r "$log" ] || die "cannot read log file: $log"
    python3 - "$log" "$rc" "${EXTRA_REASONS:-}" <<'PY'
import re
import sys

log_path, odoo_rc = sys.argv[1], sys.argv[2]
extra_path = sys.argv[3] if len(sys.argv) > 3 else ""

ansi = re.compile(r"\x1b\[[0-9;]*m")
# Odoo: "%(asctime)s %(pid)s %(levelname)s %(dbname)s %(name)s: %(message)s"
line_re = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \d+ "
    r"(?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>[^\s:]+): ?(?P<msg>.*)$"
)
result_re = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<total>\d+) tests"
    r"(?: when loading database (?P<db>'[^']*'|\"[^\"]*\"|\S+))?"
)
skip_re = re.compile(r"^skipped (?P<test>.+?) : (?P<reason>.*)$")
tour_problems = [
    (re.compile(r"websocket-client.*not installed", re.I),
     "websocket-client is not installed: browser tours did not run"),
    (re.compile(r"Chrome executable not found", re.I),
     "Chrome executable not found: browser tours did not run"),
    (re.compile(r"chrom\S*.*\bnot found\b", re.I),
     "Chrome/Chromium not found: browser tours did not run"),
]
load_problems = [
    (re.compile(r"invalid module names"), "invalid module names"),
    (re.compile(r"not installable, skipped"), "a module is not installable"),
    (re.compile(r"Some modules are not loaded"), "some modules are not loaded"),
    (re.compile(r"Failed to initialize database"), "database initialization failed"),
    (re.compile(r"manifest not found"), "a module manifest was not found"),
    (re.compile(r"addons path is not a directory"), "bad addons path"),
    (re.compile(r"some depends are not loaded"), "a module dependency is missing"),
    (re.compile(r"in a dependency loop"), "module dependency loop"),
    (re.compile(r"incompatible version"), "a module has an incompatible version"),
    (re.compile(r"module base cannot be loaded"), "module base cannot be loaded"),
    (re.compile(r"Couldn't load module"), "a module could not be imported"),
    (re.compile(r"demo data failed to install"), "demo data failed to install"),
]

final_results = {}   # db -> (failed, errors, total): the cumulative report
other_results = []   # per-run result lines, used only if no final one exists
errors, warnings, skipped, problems = [], [], [], []
install_warnings = []  # WARNING lines before the tests start: install must be clean
in_tests = False
# docutils messages (printed on stderr, not logged) while Odoo loads the
# addon: its description was rendered from README.md as reStructuredText
# instead of static/description/index.html (tools/gen_readme.py).
import os
addon = os.environ.get("B2B_MODULE", "b2b_portal")
loading_re = re.compile(r"Loading module (\S+) \(")
docutils_re = re.compile(r"^<string>:\d+: \((INFO/1|WARNING/2|ERROR/3|SEVERE/4)\)")
loading = None
stats = []


def problem(msg, line, tail):
    if not any(p[0] == msg for p in problems):
        problems.append((msg, line, tail))


def show_tail(tail, n=4):
    """The last lines of a record's continuation (usually a traceback)."""
    lines = [t for t in tail if t.strip()][-n:]
    for t in lines:
        out(f"      | {t}")


out = print
tail = []  # continuation lines of the current log record


with open(log_path, encoding="utf-8", errors="replace") as fh:
    for raw in fh:
        line = ansi.sub("", raw.rstrip("\r\n"))
        m = line_re.match(line)
        level = m["level"] if m else None
        msg = m["msg"].rstrip() if m else line
        logger = m["logger"] if m else ""
        if m:
            tail = []
        else:
            tail.append(line)

        if m and logger == "odoo.tests.result":
            r = result_re.search(msg)
            if r:
                counts = (int(r["failed"]), int(r["errors"]), int(r["total"]))
                if r["db"]:
                    final_results[r["db"]] = counts
                else:
                    other_results.append(counts)
        if m and logger == "odoo.tests.stats":
            stats.append(msg)

        if level in ("ERROR", "CRITICAL"):
            errors.append((line, tail))
        elif level == "WARNING":
            warnings.append(line)
            if not in_tests:
                install_warnings.append(line)
        if m and "Starting post tests" in msg:
            in_tests = True

        if level:
            s = skip_re.match(msg)
            if s:
                skipped.append(f"{s['test']} ({s['reason']})")

        if m:
            lm = loading_re.search(msg)
            if lm:
                loading = lm[1]
            elif "Modules loaded" in msg:
                loading = None
        elif loading == addon and docutils_re.match(line):
            problem(f"docutils message while loading {addon}: its description is "
                    "rendered from README.md (static/description/index.html missing?)",
                    line, tail)
        for rx, what in tour_problems:
            if rx.search(line):
                problem(what, line, tail)
                break
        # Loading problems are only searched in log records, not in
        # tracebacks or test output that merely mention the words.
        if m and (logger.startswith("odoo.modules") or logger.startswith("odoo.cli")
                  or logger == "odoo.service.server"):
            for rx, what in load_problems:
                if rx.search(msg):
                    problem(what, line, tail)

if final_results:
    results = list(final_results.values())
    source = "final report"
else:
    results = other_results
    source = "per-run reports"
failed = sum(r[0] for r in results)
errs = sum(r[1] for r in results)
total = sum(r[2] for r in results)
passed = total - failed - errs
bad = failed + errs

reasons = []
if bad:
    reasons.append(f"{failed} test failure(s) and {errs} test error(s)")
if not results:
    reasons.append("no 'odoo.tests.result' line in the log: the test run did not complete")
elif total == 0:
    reasons.append("0 tests ran")
if errors:
    reasons.append(f"{len(errors)} ERROR/CRITICAL log line(s)")
for what, _line, _tail in problems:
    reasons.append(what)
if install_warnings:
    reasons.append(f"{len(install_warnings)} WARNING line(s) while installing")
extra = []
if extra_path:
    try:
        with open(extra_path, encoding="utf-8") as fh:
            extra = [x.rstrip("\n") for x in fh if x.strip()]
    except OSError:
        pass
reasons.extend(extra)
if odoo_rc not in ("", "0"):
    reasons.append(f"odoo-bin exited with status {odoo_rc}"
                   + (" (timeout)" if odoo_rc == "124" else ""))

out("")
out("=" * 72)
out(f"Test log: {log_path}")
for s in stats:
    out(f"  stats: {s}")
if results:
    out(f"  Odoo {source}: {total} tests, {failed} failed, {errs} error(s)")
if skipped:
    out(f"  {len(skipped)} skipped test(s):")
    for s in skipped:
        out(f"    - {s}")
out(f"  {len(warnings)} WARNING line(s) (not fatal yet)"
    + (":" if warnings else ""))
for w in warnings:
    out(f"    {w}")
if errors:
    out(f"  {len(errors)} ERROR/CRITICAL line(s):")
    for e, etail in errors:
        out(f"    {e}")
        show_tail(etail)
for what, line, ptail in problems:
    out(f"  problem: {what}")
    out(f"    {line}")
    show_tail(ptail)
if reasons:
    out("RESULT: FAILED - " + "; ".join(reasons))
else:
    out("RESULT: OK")
out("=" * 72)
out(f"{passed} passed, {bad} failed")
sys.exit(1 if reasons else 0)
PY
}

if [ "${1:-}" = "--parse" ]; then
    [ $# -ge 2 ] || die "usage: $0 --parse LOGFILE [ODOO_EXIT_STATUS]"
    parse_log "$2" "${3:-}"
    exit $?
fi
[ $# -eq 0 ] || die "usage: $0 | $0 --parse LOGFILE [ODOO_EXIT_STATUS]"

# --------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------
[ -n "${ODOO_SRC:-}" ] && [ -n "${VENV:-}" ] && [ -n "${ADDONS_PATH:-}" ] \
    || die "ODOO_SRC, VENV and ADDONS_PATH must be set; run this through 'make test'"
[ -f "$ODOO_SRC/odoo-bin" ] || die "no odoo-bin in ODOO_SRC=$ODOO_SRC"
[ -x "$VENV/bin/python" ] || die "no python in VENV=$VENV"

module="${B2B_MODULE:-b2b_portal}"
tags="${TEST_TAGS:-/$module}"
db="${TEST_DB:-b2b_test_$$}"
timeout_s="${TEST_TIMEOUT:-5400}"
log_dir="${TEST_LOG_DIR:-$repo/.logs}"

# --- preflight: browser tours must be able to run ------------------------------
browser=""
if [ -n "${ODOO_BROWSER_BIN:-}" ] && [ -x "$ODOO_BROWSER_BIN" ]; then
    browser="$ODOO_BROWSER_BIN"
else
    for b in google-chrome chromium chromium-browser google-chrome-stable; do
        if command -v "$b" >/dev/null 2>&1; then browser="$(command -v "$b")"; break; fi
    done
fi
[ -n "$browser" ] || die "no chromium/google-chrome on PATH: browser tours cannot run.
  Install one (Debian: apt-get install chromium) or set ODOO_BROWSER_BIN."
"$VENV/bin/python" -c 'import websocket' 2>/dev/null \
    || die "the venv lacks websocket-client (needed by browser tours):
  $VENV/bin/pip install websocket-client"
[ "$(id -un)" != postgres ] || die "Odoo refuses to run as the 'postgres' user; use another account"
command -v psql >/dev/null || die "psql not found (apt-get install postgresql-client)"

# --- a free HTTP port for HttpCase/tours ---------------------------------------
port="$("$VENV/bin/python" - "${TEST_PORT:-8169}" <<'PY'
import socket, sys
start = int(sys.argv[1])
for port in range(start, start + 100):
    s = socket.socket()
    try:
        s.bind(("0.0.0.0", port))
    except OSError:
        continue
    finally:
        s.close()
    print(port)
    break
else:
    sys.exit("no free port in %d..%d" % (start, start + 99))
PY
)"

mkdir -p "$log_dir"
log="$log_dir/test-$(date +%Y%m%d-%H%M%S)-$db.log"
data_dir="$(mktemp -d "${TMPDIR:-/tmp}/b2b_test_data.XXXXXX")"

cleanup() {
    local st=$?
    if [ "${KEEP_DB:-}" = 1 ]; then
        echo "run_tests: KEEP_DB=1: keeping database $db and data dir $data_dir" >&2
    else
        PGOPTIONS='-c client_min_messages=warning' dropdb --if-exists --force "$db" \
            || echo "run_tests: WARNING: could not drop database $db" >&2
        rm -rf "$data_dir"
    fi
    return $st
}
trap cleanup EXIT

PGOPTIONS='-c client_min_messages=warning' dropdb --if-exists --force "$db"

runner=("$VENV/bin/python")
if [ "${COVERAGE:-1}" = 1 ]; then
    [ -x "$VENV/bin/coverage" ] || die "COVERAGE=1 needs coverage in the venv: $VENV/bin/pip install coverage"
    export COVERAGE_FILE="$log_dir/.coverage"
    rm -f "$COVERAGE_FILE" "$COVERAGE_FILE".*
    runner=("$VENV/bin/coverage" run --parallel-mode --branch --source="$repo"
            --omit="$repo/tests/*,$repo/tools/*,$repo/__manifest__.py")
fi
odoo=("${runner[@]}" "$ODOO_SRC/odoo-bin")
cmd=(
    "${odoo[@]}"
    -d "$db"
    --addons-path="$ADDONS_PATH"
    -i "$module"
    --with-demo
    --test-enable
    --test-tags "$tags"
    --stop-after-init
    --http-port="$port"
    --http-interface=127.0.0.1
    --log-level=info
    --data-dir="$data_dir"
)
echo "run_tests: browser: $browser"
echo "run_tests: log: $log"
echo "+ ${cmd[*]}"

set +e
timeout --foreground -k 60 "$timeout_s" "${cmd[@]}" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
ln -sfn "$(basename "$log")" "$log_dir/test-latest.log"

# --- lifecycle: upgrade on a database with data, then uninstall ----------------
# Both must log no WARNING, ERROR or CRITICAL line.
export EXTRA_REASONS="$log_dir/.extra-reasons-$db"
: > "$EXTRA_REASONS"
if [ "$rc" = 0 ] && [ "${LIFECYCLE:-1}" = 1 ]; then
    common=(-d "$db" --addons-path="$ADDONS_PATH" --data-dir="$data_dir" --log-level=info
            --http-interface=127.0.0.1 --http-port="$port")
    step() {
        local name="$1"; shift
        local step_log="$log_dir/$name-$db.log"
        echo "run_tests: $name: $*"
        set +e
        timeout --foreground -k 60 1800 "$@" > "$step_log" 2>&1
        local step_rc=$?
        set -e
        local bad_lines
        bad_lines="$(grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) ' "$step_log" || true)"
        if [ "$step_rc" != 0 ] || [ -n "$bad_lines" ]; then
            echo "$name of $module: exit $step_rc, $(grep -c . <<<"$bad_lines" || true) WARNING/ERROR line(s) ($step_log)" >> "$EXTRA_REASONS"
            [ -z "$bad_lines" ] || sed 's/^/    /' <<<"$bad_lines" | head -20
        else
            echo "run_tests: $name OK"
        fi
    }
    step upgrade "${odoo[@]}" "${common[@]}" -u "$module" --stop-after-init
    step uninstall "${odoo[@]}" --addons-path="$ADDONS_PATH" module uninstall \
        -d "$db" -D "$data_dir" "$module"
fi

# --- coverage ------------------------------------------------------------------
if [ "${COVERAGE:-1}" = 1 ]; then
    "$VENV/bin/coverage" combine --quiet || true
    "$VENV/bin/coverage" report --skip-covered --sort=cover | tail -40
    pct="$("$VENV/bin/coverage" report --format=total 2>/dev/null || echo 0)"
    echo "run_tests: coverage (branch) of the addon: ${pct}%"
    if [ "$pct" -lt "${COVERAGE_MIN:-90}" ]; then
        echo "coverage ${pct}% is below the bar of ${COVERAGE_MIN:-90}%" >> "$EXTRA_REASONS"
    fi
fi

# Drop the database before judging, so the last line stays the verdict.
cleanup
trap - EXIT

set +e
parse_log "$log" "$rc"
st=$?
rm -f "$EXTRA_REASONS"
exit $st

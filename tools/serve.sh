#!/usr/bin/env bash
# Demo database helpers behind `make run`, `make shell` and `make reset-demo`.
#
# Usage:
#   tools/serve.sh init    create the demo database (b2b_portal + demo data +
#                          the demo-only modules of DEMO_MODULES, default
#                          payment_demo) unless it already has b2b_portal
#                          installed
#   tools/serve.sh run     init, print the logins, serve in the foreground
#   tools/serve.sh shell   init, open `odoo-bin shell` on the demo database
#   tools/serve.sh reset   drop the demo database and its filestore
#   tools/serve.sh loadtest     serve with 2 workers on $BENCH_PORT, run tools/loadtest.py
#   tools/serve.sh screenshots  serve on $BENCH_PORT, run tools/screenshots.py
#
# Needs ODOO_SRC, VENV and ADDONS_PATH in the environment (set by the
# Makefile from tools/bootstrap.sh), except for `reset`.
# Knobs: DEMO_DB (default b2b_demo), HTTP_PORT (default 8069); for `run`:
# MAIL_PORT (first port the mail catcher tries, default 8025), MAIL_DIR (where
# it writes the .eml files, default .logs/mails).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
db="${DEMO_DB:-b2b_demo}"
port="${HTTP_PORT:-8069}"
module="${B2B_MODULE:-b2b_portal}"
# Modules only the demo database gets (never dependencies of the addon, so a
# production install does not get them): Odoo's fake payment provider, for
# the online payments of the demo (invoices, quotations).
demo_modules="${DEMO_MODULES-payment_demo}"

die() { echo "serve: $*" >&2; exit 2; }

need_env() {
    [ -n "${ODOO_SRC:-}" ] && [ -n "${VENV:-}" ] && [ -n "${ADDONS_PATH:-}" ] \
        || die "ODOO_SRC, VENV and ADDONS_PATH must be set; use 'make run' / 'make shell'"
    [ "$(id -un)" != postgres ] || die "Odoo refuses to run as the 'postgres' user; use another account"
}

odoo() { "$VENV/bin/python" "$ODOO_SRC/odoo-bin" "$@"; }

db_exists() {
    psql -lqt | cut -d'|' -f1 | grep -qw "$db"
}

module_installed() {
    [ "$(psql -d "$db" -Atc "SELECT state FROM ir_module_module WHERE name = '${1:-$module}'" 2>/dev/null)" = installed ]
}

# The demo-only modules not installed yet in $db, comma-separated.
demo_modules_missing() {
    local m missing=()
    for m in ${demo_modules//,/ }; do
        module_installed "$m" || missing+=("$m")
    done
    (IFS=,; echo "${missing[*]}")
}

init_db() {
    need_env
    if db_exists && module_installed; then
        echo "serve: database $db already has $module: updating it to this checkout (make reset-demo to start over)"
        local extra=() missing
        missing="$(demo_modules_missing)"
        [ -z "$missing" ] || extra=(-i "$missing")
        odoo -d "$db" --addons-path="$ADDONS_PATH" -u "$module" "${extra[@]}" --stop-after-init --log-level=warn \
            --http-interface=127.0.0.1 || die "updating $module in $db failed (see the log above)"
        languages_missing && load_languages
        return 0
    fi
    if db_exists; then
        echo "serve: database $db exists but $module is not installed: installing it"
    else
        echo "serve: creating database $db with $module and demo data (takes several minutes)"
    fi
    odoo -d "$db" --addons-path="$ADDONS_PATH" -i "$module${demo_modules:+,$demo_modules}" --with-demo --stop-after-init \
        || die "installing $module into $db failed (see the log above); 'make reset-demo' to start over"
    module_installed || die "$module is not installed in $db after the install run (see the log above)"
    load_languages
}

# The languages the addon ships (G2), loaded with their translations and offered
# on the website, as Settings > Languages > Add Languages does it.
DEMO_LANGS="${DEMO_LANGS-tr_TR da_DK fr_FR}"
languages_missing() {
    local code
    for code in $DEMO_LANGS; do
        [ "$(psql -d "$db" -Atc "SELECT active FROM res_lang WHERE code = '$code'" 2>/dev/null)" = t ] \
            || return 0
    done
    return 1
}
load_languages() {
    [ -n "$DEMO_LANGS" ] || return 0
    echo "serve: loading the languages $DEMO_LANGS into $db and adding them to the website"
    printf '%s\n' \
        "langs = env['res.lang'].with_context(active_test=False).search([('code', 'in', '$DEMO_LANGS'.split())])" \
        "env['base.language.install'].create({'lang_ids': [(6, 0, langs.ids)], 'website_ids': [(6, 0, env['website'].search([]).ids)], 'overwrite': False}).lang_install()" \
        "env.cr.commit()" \
        | odoo shell -d "$db" --addons-path="$ADDONS_PATH" --log-level=warn --no-http >/dev/null \
        || echo "serve: loading the languages failed (the portal stays in English); see above" >&2
}

print_logins() {
    echo
    echo "Logins (database $db):"
    local logins="$repo/demo/LOGINS.txt"
    if [ -f "$logins" ] && grep -q 'admin / admin' "$logins"; then
        sed 's/^/  /' "$logins"
    elif [ -f "$logins" ]; then
        echo "  admin / admin   (administrator)"
        sed 's/^/  /' "$logins"
    else
        echo "  admin / admin   (administrator)"
        echo "  (demo portal logins: demo/LOGINS.txt does not exist yet)"
    fi
    echo
}

# `make run` only: a local SMTP sink (tools/mailcatcher.py, aiosmtpd from
# requirements.txt) on loopback, so the demo's mails (credentials, application
# acknowledgement, rejection, reconciliation) can be read instead of failing
# with "Connection refused". It takes the next free port when MAIL_PORT is
# taken, and stops with this script (EXIT trap; it also stops by itself if this
# script is killed outright).
mail_dir="${MAIL_DIR:-$repo/.logs/mails}"
catcher=""
mail_port=""
stop_mail_catcher() {
    [ -n "$catcher" ] || return 0
    kill "$catcher" 2>/dev/null || true
    wait "$catcher" 2>/dev/null || true
    catcher=""
}
start_mail_catcher() {
    local port_file _
    port_file="$(mktemp -u "${TMPDIR:-/tmp}/b2b_mailcatcher.XXXXXX")"
    "$VENV/bin/python" "$repo/tools/mailcatcher.py" --dir "$mail_dir" --host 127.0.0.1 \
        --port "${MAIL_PORT:-8025}" --port-file "$port_file" --exit-with-parent &
    catcher=$!
    trap stop_mail_catcher EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    trap 'exit 129' HUP
    for _ in $(seq 100); do
        [ -s "$port_file" ] && break
        kill -0 "$catcher" 2>/dev/null || break
        sleep 0.1
    done
    mail_port="$(cat "$port_file" 2>/dev/null || true)"
    rm -f "$port_file"
    if [ -z "$mail_port" ]; then
        stop_mail_catcher
        return 1
    fi
}

# PDFs (issue 15): Odoo prints the company header and footer of a PDF (the
# letterhead) and several documents into one PDF only with a wkhtmltopdf built
# with patched Qt; Debian's wkhtmltopdf is not. Odoo detects it the same way
# (ir_actions_report._wkhtml: "(with patched qt)" in `wkhtmltopdf --version`).
pdf_notice() {
    local version
    if ! version="$(wkhtmltopdf --version 2>/dev/null)"; then
        echo "PDFs: wkhtmltopdf is not installed: Odoo cannot print any PDF (tools/bootstrap.sh"
        echo "  installs it when run as root)."
        echo
        return 0
    fi
    version="$(head -n 1 <<<"$version")"
    case "$version" in
        *"(with patched qt)"*)
            echo "PDFs: $version: company header/footer and multi-document PDFs work."
            ;;
        *)
            cat <<EOF
PDFs: '$version' is built WITHOUT patched Qt, so Odoo leaves the header and
  footer out of every PDF (a blank band at the top, no supplier letterhead,
  Odoo's own invoices and reports included) and refuses to print several
  documents into one PDF. The demo works otherwise. Production fix, as Odoo's
  documentation says: install wkhtmltopdf 0.12.6 "with patched qt" from the
  wkhtmltopdf project, i.e. the wkhtmltox 0.12.6.1 .deb for your distribution
  (Debian 12: bookworm) from https://github.com/wkhtmltopdf/packaging/releases
  (apt-get install ./wkhtmltox_0.12.6.1-*.deb), then restart Odoo;
  'wkhtmltopdf --version' must print "(with patched qt)".
EOF
            ;;
    esac
    echo
}

# PROXY=haproxy make loadtest: HAProxy (Debian's package, installed if missing)
# on BENCH_PORT - 1 in front of the Odoo server, with at most 8 connections per
# worker open to it - the size of Odoo's prefork listen queue: the others wait
# in HAProxy's queue instead of being dropped by the kernel and sent again by
# the client a second later. Sets haproxy_port, haproxy_pid and haproxy_dir.
start_haproxy() {
    local odoo_port="$1" workers="$2"
    local maxconn=$((8 * (workers > 0 ? workers : 1)))
    haproxy_port=$((odoo_port - 1))
    if ! command -v haproxy >/dev/null; then
        echo "serve: installing haproxy (Debian package)" >&2
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >&2
    fi
    haproxy_dir="$(mktemp -d)"
    printf '%s\n' \
        "global" \
        "    maxconn 1024" \
        "defaults" \
        "    mode http" \
        "    timeout connect 5s" \
        "    timeout client 120s" \
        "    timeout server 120s" \
        "    timeout queue 120s" \
        "frontend b2b_loadtest" \
        "    bind 127.0.0.1:$haproxy_port" \
        "    default_backend odoo" \
        "backend odoo" \
        "    server odoo 127.0.0.1:$odoo_port maxconn $maxconn" \
        > "$haproxy_dir/haproxy.cfg"
    haproxy -f "$haproxy_dir/haproxy.cfg" -db > "$haproxy_dir/haproxy.log" 2>&1 &
    haproxy_pid=$!
    for _ in $(seq 50); do
        curl -sf -o /dev/null "http://127.0.0.1:$haproxy_port/web/login" && break
        sleep 0.1
    done
    curl -sf -o /dev/null "http://127.0.0.1:$haproxy_port/web/login" \
        || die "HAProxy did not answer on 127.0.0.1:$haproxy_port ($(cat "$haproxy_dir/haproxy.log"))"
    echo "serve: HAProxy on 127.0.0.1:$haproxy_port in front of Odoo :$odoo_port" \
        "(at most $maxconn connections to it, the others queued)"
}

case "${1:-}" in
    init)
        init_db
        ;;
    run)
        init_db
        print_logins
        pdf_notice
        smtp_args=()
        if start_mail_catcher; then
            # Odoo's --smtp options apply to this server process only (hence to
            # the demo database only, --db-filter) and are used while the
            # database has no outgoing mail server of its own; nothing is stored.
            smtp_args=(--smtp=127.0.0.1 --smtp-port="$mail_port")
            echo "Mails: every mail Odoo sends goes to a local mail catcher on 127.0.0.1:$mail_port"
            echo "  (nothing leaves this machine); read them as .eml files in $mail_dir/"
            own_servers="$(psql -d "$db" -Atc 'SELECT count(*) FROM ir_mail_server WHERE active' 2>/dev/null || true)"
            if [ -n "$own_servers" ] && [ "$own_servers" != 0 ]; then
                echo "  NOTE: $db has its own outgoing mail server (Settings > Technical > Outgoing" \
                    "Mail Servers): Odoo uses that one, not the catcher." >&2
            fi
        else
            echo "Mails: the mail catcher did not start (see above): mails will fail to send" >&2
        fi
        echo
        echo "Odoo on http://127.0.0.1:$port"
        # not exec: the EXIT trap stops the mail catcher when Odoo stops
        "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -d "$db" --addons-path="$ADDONS_PATH" \
            --http-port="$port" --http-interface="${HTTP_INTERFACE:-0.0.0.0}" --db-filter="^$db\$" \
            "${smtp_args[@]}"
        ;;
    shell)
        init_db
        exec "$VENV/bin/python" "$ODOO_SRC/odoo-bin" shell -d "$db" --addons-path="$ADDONS_PATH"
        ;;
    loadtest|screenshots)
        init_db
        bench_port="${BENCH_PORT:-8079}"
        workers="${WORKERS:-2}"
        [ "$1" = screenshots ] && workers=0
        "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -d "$db" --addons-path="$ADDONS_PATH" \
            --http-port="$bench_port" --http-interface=127.0.0.1 --db-filter="^$db\$" \
            --workers="$workers" --max-cron-threads=0 --log-level=warn \
            ${ODOO_EXTRA_ARGS:-} > "${TMPDIR:-/tmp}/b2b_serve_$bench_port.log" 2>&1 &
        server=$!
        trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
        for _ in $(seq 120); do
            curl -sf -o /dev/null "http://127.0.0.1:$bench_port/web/login" && break
            sleep 1
        done
        if [ "$1" = loadtest ]; then
            url="http://127.0.0.1:$bench_port"
            if [ "${PROXY:-}" = haproxy ]; then
                haproxy_pid="" haproxy_dir=""
                trap 'kill $haproxy_pid $server 2>/dev/null; wait $server 2>/dev/null
                      [ -z "$haproxy_dir" ] || rm -rf "$haproxy_dir"' EXIT
                start_haproxy "$bench_port" "$workers"
                url="http://127.0.0.1:$haproxy_port"
            elif [ -n "${PROXY:-}" ]; then
                die "PROXY=$PROXY: only PROXY=haproxy is known"
            fi
            "$VENV/bin/python" "$repo/tools/loadtest.py" --url "$url" --db "$db" ${LOADTEST_ARGS:-}
        else
            "$VENV/bin/python" "$repo/tools/screenshots.py" --url "http://127.0.0.1:$bench_port" \
                --db "$db" --out "$repo/docs/screenshots" ${SCREENSHOT_LIST:-}
        fi
        ;;
    reset)
        PGOPTIONS='-c client_min_messages=warning' dropdb --if-exists --force "$db"
        rm -rf "${HOME}/.local/share/Odoo/filestore/$db"
        echo "serve: database $db dropped (if it existed)"
        ;;
    *)
        die "usage: $0 init|run|shell|reset|loadtest|screenshots"
        ;;
esac

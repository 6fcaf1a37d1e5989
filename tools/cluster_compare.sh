#!/usr/bin/env bash
# The load comparison of the README's Scaling section, in one sitting, run by hand
# after `make cluster`: tools/loadtest.py through nginx against
#   1 server without replica, 2 servers without replica, 2 servers with replica,
# with 20 and 60 users each, then one Markdown table. The replica's share is
# counted on the replica (pg_stat_database) and from Odoo's cursor modes.
# Knobs: WARMUP (15 s, longer than the read-your-writes window after the logins),
# DURATION (45 s measured), USERS ("20 60"), CONFIGS ("1:0 2:0 2:1").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state="${CLUSTER_DIR:-$HOME/.cache/b2b_portal/cluster}"
[ -f "$state/env" ] || { echo "cluster_compare: run 'make cluster' first" >&2; exit 2; }
# shellcheck disable=SC1091
. "$state/env"
warmup="${WARMUP:-15}"
duration="${DURATION:-45}"
out="$(mktemp -d)"
for config in ${CONFIGS:-1:0 2:0 2:1}; do
    servers="${config%:*}" replica="${config#*:}"
    SERVERS="$servers" REPLICA="$replica" "$here/cluster.sh" up >/dev/null
    logs=()
    for i in $(seq 0 $((servers - 1))); do logs+=(--server-log "$state/odoo$i.log"); done
    for users in ${USERS:-20 60}; do
        echo "== $servers server(s), replica $replica, $users users" >&2
        "$VENV/bin/python" "$here/loadtest.py" --url "http://127.0.0.1:${PROXY_PORT:-8300}" \
            --users "$users" --warmup "$warmup" --duration "$duration" --max-requests 100000 \
            --replica-port "${REPLICA_PORT:-5433}" "${logs[@]}" \
            --json "$out/$servers-$replica-$users.json" >&2 || true
    done
done
echo
echo "Load through nginx, $(date -u '+%Y-%m-%d %H:%M UTC'), ${warmup} s warm-up + ${duration} s measured per row"
echo
echo "| Odoo servers | replica | users | req/s | p50 ms | p95 ms | errors | requests on the replica (Odoo: ro / all) | transactions on the replica / primary |"
echo "|---|---|---|---|---|---|---|---|---|"
for config in ${CONFIGS:-1:0 2:0 2:1}; do
    servers="${config%:*}" replica="${config#*:}"
    for users in ${USERS:-20 60}; do
        if [ ! -s "$out/$servers-$replica-$users.json" ]; then
            echo "| $servers | $replica | $users | (the run failed, see above) | | | | | |"
            continue
        fi
        "$VENV/bin/python" - "$out/$servers-$replica-$users.json" "$servers" "$replica" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
modes = d["cursor_modes"] or {}
allreq = sum(modes.values())
db = d["db_stats"] or {}
ro = f"{modes.get('ro', 0)} / {allreq} ({100 * modes.get('ro', 0) / allreq:.0f} %)" if allreq else "-"
tx = f"{db['replica'][0]} / {db['primary'][0]}" if db else "-"
print(f"| {sys.argv[2]} | {'yes' if sys.argv[3] == '1' else 'no'} | {d['users']} | {d['rps']:.1f} "
      f"| {d['p50_ms']:.0f} | {d['p95_ms']:.0f} | {d['errors']} | {ro} | {tx} |")
EOF
    done
done
rm -rf "$out"

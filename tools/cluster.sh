#!/usr/bin/env bash
# A real multi-server deployment of the demo database on this machine (issue 17),
# behind `make cluster` / `make cluster-down`:
#
#   - a hot-standby replica of the local PostgreSQL cluster: a second Debian
#     cluster (pg_createcluster) on REPLICA_PORT, filled by pg_basebackup -R
#     (standby.signal, primary_conninfo) with a physical replication slot,
#     streaming from the primary on 127.0.0.1:5432;
#   - SERVERS Odoo servers (1 or 2) on the demo database, each --workers 2
#     --proxy-mode, the replica as --db_replica_host/--db_replica_port (unless
#     REPLICA=0), one shared --data-dir (filestore and sessions);
#   - nginx on PROXY_PORT balancing the servers, /websocket to their gevent ports.
#
# Usage (ODOO_SRC, VENV, ADDONS_PATH from the Makefile's environment):
#   tools/cluster.sh up       start what is missing, reuse what runs (idempotent);
#                             Odoo servers whose settings changed are restarted
#   tools/cluster.sh down     stop exactly what `up` started, drop the replica
#                             cluster, its slot and the replication line of pg_hba
#   tools/cluster.sh restart  restart the Odoo servers (new code; back on the replica)
#   tools/cluster.sh status   what runs
#   tools/cluster.sh delay S  recovery_min_apply_delay on the replica (0 = none)
# After a first `make cluster`, `SERVERS=1 REPLICA=0 tools/cluster.sh up` works
# without the Makefile (it reuses the environment kept in CLUSTER_DIR/env).
# Knobs: SERVERS (2), REPLICA (1), PROXY_PORT (8300), ODOO_PORTS (8301 8302),
# GEVENT_PORTS (8311 8312), REPLICA_PORT (5433), CLUSTER_DIR, DEMO_DB.
# Everything listens on 127.0.0.1 only.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
db="${DEMO_DB:-b2b_demo}"
state="${CLUSTER_DIR:-$HOME/.cache/b2b_portal/cluster}"
servers="${SERVERS:-2}"
use_replica="${REPLICA:-1}"
proxy_port="${PROXY_PORT:-8300}"
read -r -a odoo_ports <<<"${ODOO_PORTS:-8301 8302}"
read -r -a gevent_ports <<<"${GEVENT_PORTS:-8311 8312}"
replica_port="${REPLICA_PORT:-5433}"
data_dir="${CLUSTER_DATA_DIR:-$HOME/.local/share/Odoo}"
pg_ver="$(pg_lsclusters -h | awk '$3 == 5432 {print $1; exit}')"
replica_name=b2b_replica
slot=b2b_replica
hba_mark="# b2b_portal make cluster"

log() { echo "cluster: $*" >&2; }
die() { log "$*"; exit 2; }
as_pg() { su postgres -s /bin/sh -c "$*"; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

need_root() { [ "$(id -u)" = 0 ] || die "run as root (it creates a PostgreSQL cluster and starts nginx)"; }

install_packages() {
    local pkgs=()
    command -v nginx >/dev/null || pkgs+=(nginx-light)
    command -v pg_basebackup >/dev/null || pkgs+=("postgresql-${pg_ver:-15}")
    if [ ${#pkgs[@]} -gt 0 ]; then
        log "installing Debian packages: ${pkgs[*]}"
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >&2
    fi
}

# --- PostgreSQL replica -----------------------------------------------------
replica_exists() { pg_lsclusters -h | awk -v n="$replica_name" '$2 == n' | grep -q .; }
replica_online() { pg_lsclusters -h | awk -v n="$replica_name" '$2 == n {print $4}' | grep -q online; }

replica_up() {
    [ -n "$pg_ver" ] || die "no PostgreSQL cluster on port 5432 (pg_lsclusters)"
    local hba="/etc/postgresql/$pg_ver/main/pg_hba.conf"
    if ! grep -qF "$hba_mark" "$hba"; then
        log "allowing replication connections from 127.0.0.1 in $hba"
        printf 'host replication all 127.0.0.1/32 trust %s\n' "$hba_mark" >>"$hba"
        pg_ctlcluster --skip-systemctl-redirect "$pg_ver" main reload
    fi
    local pgdata="/var/lib/postgresql/$pg_ver/$replica_name"
    if replica_exists && [ ! -f "$pgdata/standby.signal" ]; then
        log "the replica cluster exists but is no standby (an interrupted run): dropping it"
        pg_dropcluster --stop "$pg_ver" "$replica_name"
    fi
    if ! replica_exists; then
        log "creating the replica cluster $pg_ver/$replica_name on port $replica_port (pg_basebackup)"
        pg_createcluster "$pg_ver" "$replica_name" -p "$replica_port" >/dev/null
        find "$pgdata" -mindepth 1 -delete
        psql -h 127.0.0.1 -p 5432 -d postgres -Atqc \
            "SELECT pg_drop_replication_slot('$slot') FROM pg_replication_slots WHERE slot_name = '$slot'" >/dev/null
        as_pg "pg_basebackup -h 127.0.0.1 -p 5432 -U postgres -D '$pgdata' -R -X stream -C -S $slot -c fast" \
            || { pg_dropcluster "$pg_ver" "$replica_name" || true; die "pg_basebackup failed"; }
        # the base backup copied the primary's postgresql.auto.conf too: keep the port
        # of this cluster's own configuration (/etc/postgresql/$pg_ver/$replica_name)
        cat >"/etc/postgresql/$pg_ver/$replica_name/conf.d/b2b_replica.conf" <<EOF
# b2b_portal make cluster: hot standby of $pg_ver/main
listen_addresses = '127.0.0.1'
hot_standby = on
hot_standby_feedback = on
max_standby_streaming_delay = 30s
EOF
    fi
    # the same client authentication as the primary (Odoo and the tools connect
    # the same way to both)
    if ! cmp -s "$hba" "/etc/postgresql/$pg_ver/$replica_name/pg_hba.conf"; then
        install -o postgres -g postgres -m 640 "$hba" "/etc/postgresql/$pg_ver/$replica_name/pg_hba.conf"
        if replica_online; then pg_ctlcluster --skip-systemctl-redirect "$pg_ver" "$replica_name" reload; fi
    fi
    if ! replica_online; then
        log "starting the replica $pg_ver/$replica_name"
        pg_ctlcluster --skip-systemctl-redirect "$pg_ver" "$replica_name" start
    fi
    # a new standby syncs its data directory first (about a minute on a busy machine)
    for _ in $(seq 180); do
        [ "$(psql -h 127.0.0.1 -p "$replica_port" -d postgres -Atc 'SELECT pg_is_in_recovery()' 2>/dev/null)" = t ] && return 0
        sleep 1
    done
    die "the replica on port $replica_port does not answer as a standby"
}

replica_down() {
    if replica_exists; then
        log "stopping and dropping the replica cluster $pg_ver/$replica_name"
        pg_dropcluster --stop "$pg_ver" "$replica_name"
    fi
    psql -h 127.0.0.1 -p 5432 -d postgres -Atqc \
        "SELECT pg_drop_replication_slot('$slot') FROM pg_replication_slots WHERE slot_name = '$slot' AND NOT active" >/dev/null || true
    local hba="/etc/postgresql/$pg_ver/main/pg_hba.conf"
    if [ -f "$hba" ] && grep -qF "$hba_mark" "$hba"; then
        sed -i "\\|$hba_mark|d" "$hba"
        pg_ctlcluster --skip-systemctl-redirect "$pg_ver" main reload
    fi
}

replica_delay() {
    replica_exists || die "no replica (make cluster first)"
    local conf="/etc/postgresql/$pg_ver/$replica_name/conf.d/b2b_delay.conf"
    printf "recovery_min_apply_delay = '%s'\n" "$1" >"$conf"
    pg_ctlcluster --skip-systemctl-redirect "$pg_ver" "$replica_name" reload
    log "recovery_min_apply_delay = $1 on the replica"
}

# --- Odoo servers ------------------------------------------------------------
odoo_settings() {
    # what a server's command line depends on: a change restarts it
    echo "servers=$servers replica=$use_replica db=$db addons=$ADDONS_PATH data=$data_dir"
}

odoo_up() {
    local i="$1" port="${odoo_ports[$1]}" gport="${gevent_ports[$1]}"
    local pidf="$state/odoo$i.pid" run="$state/odoo$i.sh" cron=0
    [ "$i" = 0 ] && cron=1
    local replica_args=""
    [ "$use_replica" = 1 ] && replica_args="--db_replica_host=127.0.0.1 --db_replica_port=$replica_port"
    if alive "$pidf" && [ "$(cat "$state/odoo$i.settings" 2>/dev/null)" = "$(odoo_settings)" ]; then
        return 0
    fi
    odoo_stop "$i"
    # the exact command, kept so a fault drill can start a killed server again
    cat >"$run" <<EOF
#!/usr/bin/env bash
# odoo server $i of make cluster ($(odoo_settings))
exec "$VENV/bin/python" "$ODOO_SRC/odoo-bin" -d "$db" --db-filter="^$db\$" \\
    --addons-path="$ADDONS_PATH" --data-dir="$data_dir" \\
    --http-interface=127.0.0.1 --http-port=$port --gevent-port=$gport \\
    --workers=2 --max-cron-threads=$cron --proxy-mode $replica_args \\
    --limit-time-real=120 --log-level=warn --log-handler=werkzeug:INFO \\
    --pidfile="$pidf" --logfile="$state/odoo$i.log"
EOF
    chmod +x "$run"
    odoo_settings >"$state/odoo$i.settings"
    log "starting Odoo server $i on 127.0.0.1:$port (gevent $gport)"
    setsid "$run" </dev/null >>"$state/odoo$i.out" 2>&1 &
    echo $! >"$pidf"
}

odoo_stop() {
    local pidf="$state/odoo$1.pid" pid
    alive "$pidf" || { rm -f "$pidf"; return 0; }
    pid="$(cat "$pidf")"
    log "stopping Odoo server $1 (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    # prefork workers of a killed master exit on their own; wait for the port
    rm -f "$pidf"
}

wait_http() {
    for _ in $(seq 120); do
        curl -sf -o /dev/null "http://127.0.0.1:$1/web/login" && return 0
        sleep 1
    done
    die "nothing answers on 127.0.0.1:$1 (see $state/*.log)"
}

# --- nginx --------------------------------------------------------------------
proxy_up() {
    local conf="$state/nginx.conf" http_servers="" ws_servers="" i
    for i in $(seq 0 $((servers - 1))); do
        http_servers+="        server 127.0.0.1:${odoo_ports[$i]} max_fails=2 fail_timeout=2s;"$'\n'
        ws_servers+="        server 127.0.0.1:${gevent_ports[$i]} max_fails=2 fail_timeout=2s;"$'\n'
    done
    mkdir -p "$state/nginx"
    cat >"$conf.new" <<EOF
# make cluster: nginx in front of the Odoo servers (generated by tools/cluster.sh)
worker_processes 1;
pid $state/nginx.pid;
error_log $state/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log $state/nginx-access.log;
    client_body_temp_path $state/nginx/body;
    proxy_temp_path $state/nginx/proxy;
    fastcgi_temp_path $state/nginx/fastcgi;
    uwsgi_temp_path $state/nginx/uwsgi;
    scgi_temp_path $state/nginx/scgi;
    client_max_body_size 128m;
    upstream odoo {
$http_servers    }
    upstream odoo_ws {
$ws_servers    }
    map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
    server {
        listen 127.0.0.1:$proxy_port;
        proxy_read_timeout 720s;
        proxy_set_header Host \$http_host;
        proxy_set_header X-Forwarded-Host \$http_host;
        proxy_set_header X-Forwarded-For \$remote_addr;
        proxy_set_header X-Forwarded-Proto \$scheme;
        proxy_set_header X-Real-IP \$remote_addr;
        # a server that refuses the connection is skipped; a POST that reached a
        # server is never sent twice (nginx's default for non-idempotent methods)
        proxy_next_upstream error timeout http_502 http_503;
        location /websocket {
            proxy_pass http://odoo_ws;
            proxy_http_version 1.1;
            proxy_set_header Upgrade \$http_upgrade;
            proxy_set_header Connection \$connection_upgrade;
        }
        location / {
            proxy_pass http://odoo;
            proxy_http_version 1.1;
            # no upstream keep-alive: Odoo's prefork workers close idle connections,
            # and a request nginx sent on one that just closed fails
            proxy_set_header Connection close;
            proxy_redirect off;
        }
    }
}
EOF
    if alive "$state/nginx.pid" && cmp -s "$conf" "$conf.new"; then
        rm -f "$conf.new"
        return 0
    fi
    mv "$conf.new" "$conf"
    nginx -t -q -c "$conf" -p "$state" -g 'daemon on;' 2>&1 | grep -v 'could not open error log' >&2 || true
    if alive "$state/nginx.pid"; then
        log "reloading nginx (servers changed)"
        nginx -c "$conf" -p "$state" -s reload
    else
        log "starting nginx on 127.0.0.1:$proxy_port"
        nginx -c "$conf" -p "$state"
    fi
}

proxy_down() {
    if alive "$state/nginx.pid"; then
        log "stopping nginx (pid $(cat "$state/nginx.pid"))"
        nginx -c "$state/nginx.conf" -p "$state" -s quit
        for _ in $(seq 20); do alive "$state/nginx.pid" || break; sleep 0.5; done
    fi
}

status() {
    echo "state directory: $state"
    if replica_exists; then
        echo "replica: $(pg_lsclusters -h | awk -v n="$replica_name" '$2 == n {print $1 "/" $2 " port " $3 " " $4}')," \
            "lag $(psql -h 127.0.0.1 -p "$replica_port" -d postgres -Atc \
                "SELECT coalesce(round(extract(epoch FROM now() - pg_last_xact_replay_timestamp())::numeric, 1)::text, '?') || ' s since the last replayed commit'" 2>/dev/null || echo '?')"
    else
        echo "replica: none"
    fi
    local i
    for i in 0 1; do
        if alive "$state/odoo$i.pid"; then
            echo "odoo server $i: pid $(cat "$state/odoo$i.pid"), 127.0.0.1:${odoo_ports[$i]} (gevent ${gevent_ports[$i]}), $(cat "$state/odoo$i.settings")"
        fi
    done
    if alive "$state/nginx.pid"; then
        echo "nginx: pid $(cat "$state/nginx.pid") on http://127.0.0.1:$proxy_port"
    fi
}

case "${1:-}" in
    up)
        need_root
        if [ -z "${ODOO_SRC:-}" ] && [ -f "$state/env" ]; then
            # shellcheck disable=SC1091  # the environment of the last `make cluster`
            . "$state/env"
        fi
        [ -n "${ODOO_SRC:-}" ] && [ -n "${VENV:-}" ] && [ -n "${ADDONS_PATH:-}" ] \
            || die "ODOO_SRC, VENV and ADDONS_PATH must be set; use 'make cluster'"
        mkdir -p "$state"
        printf 'ODOO_SRC=%q VENV=%q ADDONS_PATH=%q\n' "$ODOO_SRC" "$VENV" "$ADDONS_PATH" >"$state/env"
        [ "$servers" = 1 ] || [ "$servers" = 2 ] || die "SERVERS is 1 or 2"
        [ "$(psql -h 127.0.0.1 -p 5432 -d "$db" -Atc "SELECT state FROM ir_module_module WHERE name = 'b2b_portal'" 2>/dev/null)" = installed ] \
            || die "database $db has no b2b_portal: build the demo first ('make run', then stop it)"
        install_packages
        mkdir -p "$state" "$data_dir"
        if [ "$use_replica" = 1 ]; then replica_up; fi
        for i in 0 1; do
            if [ "$i" -lt "$servers" ]; then odoo_up "$i"; else odoo_stop "$i"; fi
        done
        for i in $(seq 0 $((servers - 1))); do wait_http "${odoo_ports[$i]}"; done
        proxy_up
        wait_http "$proxy_port"
        status
        echo "Portal (database $db) on http://127.0.0.1:$proxy_port"
        ;;
    down)
        need_root
        proxy_down
        odoo_stop 0
        odoo_stop 1
        replica_down
        rm -f "$state"/odoo?.settings
        log "stopped"
        ;;
    restart)
        # the Odoo servers only (new code, or back on the replica after a drill)
        odoo_stop 0
        odoo_stop 1
        rm -f "$state"/odoo?.settings
        "$0" up
        ;;
    status)
        status
        ;;
    delay)
        need_root
        replica_delay "${2:?usage: $0 delay SECONDS}"
        ;;
    *)
        die "usage: $0 up|down|restart|status|delay SECONDS"
        ;;
esac

#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests (docs/postgresql.md):
#   scripts/pg-cluster.sh start        initdb into a new temporary directory, start the server on a Unix socket in
#                                      that directory (no TCP) at a free port, create the roles the store expects,
#                                      and print shell assignments to eval:
#                                        export PG_CLUSTER_DIR=…  export TUMORBOARD_TEST_POSTGRES=postgresql://…
#   scripts/pg-cluster.sh start --tls  the same, and TCP on 127.0.0.1 (same port) with ssl=on: a self-signed CA and a
#                                      server certificate for "localhost" only, made with openssl in DIR/tls (ca.crt;
#                                      other-ca.crt is a wrong root); TCP connections are accepted only over TLS.
#   scripts/pg-cluster.sh stop DIR     stop that server and remove the directory.
# Run as root, initdb and the server run as the `postgres` user (the server refuses to run as root).
# Roles: tumorboard_owner (LOGIN, CREATEDB: owns each test database and runs the migrations), tumorboard_app
# (NOLOGIN: the application role the migrations grant to) and site_a … site_e (LOGIN, members of
# tumorboard_app: the people at different sites; the load test writes as all five). Authentication is `trust` on the private socket only.
set -euo pipefail
BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

as_server() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# A CA and a server certificate for localhost (not for 127.0.0.1: verify-full by address must fail), and a second CA.
make_tls() {
    local tls="$1/tls"
    mkdir -p "$tls"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=tumorboard test CA" \
        -keyout "$tls/ca.key" -out "$tls/ca.crt" >/dev/null 2>&1
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=another CA" \
        -keyout "$tls/other-ca.key" -out "$tls/other-ca.crt" >/dev/null 2>&1
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$tls/server.key" -out "$tls/server.csr" \
        >/dev/null 2>&1
    printf 'subjectAltName=DNS:localhost\n' >"$tls/san.ext"
    openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial -days 2 \
        -extfile "$tls/san.ext" -out "$tls/server.crt" >/dev/null 2>&1
    chmod 600 "$tls/server.key"
    chmod 755 "$tls"
    chmod 644 "$tls/ca.crt" "$tls/other-ca.crt"
    if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$tls"; fi
}

start() {
    local tls="${1:-}"
    [ -x "$BIN/initdb" ] || { echo "pg-cluster: no PostgreSQL server in $BIN (apt-get install postgresql-15)" >&2; exit 1; }
    local dir port
    dir="$(mktemp -d /tmp/tumorboard-pg.XXXXXX)"
    chmod 700 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    port="$(free_port)"
    as_server "$BIN/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    # A test cluster: no TCP, no durability (fsync off makes CREATE DATABASE per test cheap).
    cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$dir'
port = $port
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF
    if [ "$tls" = "--tls" ]; then
        make_tls "$dir"
        # TCP on the loopback address, TLS only (hostnossl is rejected); the socket stays as it was.
        sed -i "s/^listen_addresses = ''/listen_addresses = '127.0.0.1'/" "$dir/data/postgresql.conf"
        printf "ssl = on\nssl_cert_file = '%s'\nssl_key_file = '%s'\n" "$dir/tls/server.crt" "$dir/tls/server.key" \
            >>"$dir/data/postgresql.conf"
        printf 'local all all trust\nhostssl all all 127.0.0.1/32 trust\nhostnossl all all 127.0.0.1/32 reject\n' \
            >"$dir/data/pg_hba.conf"
    fi
    as_server "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    as_server "$BIN/psql" -q -X -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres <<'EOF' >/dev/null
CREATE ROLE tumorboard_owner LOGIN CREATEDB;
CREATE ROLE tumorboard_app NOLOGIN;
CREATE ROLE site_a LOGIN IN ROLE tumorboard_app;
CREATE ROLE site_b LOGIN IN ROLE tumorboard_app;
CREATE ROLE site_c LOGIN IN ROLE tumorboard_app;
CREATE ROLE site_d LOGIN IN ROLE tumorboard_app;
CREATE ROLE site_e LOGIN IN ROLE tumorboard_app;
EOF
    echo "$port" >"$dir/port"
    echo "export PG_CLUSTER_DIR=$dir"
    echo "export TUMORBOARD_TEST_POSTGRES='postgresql://tumorboard_owner@/postgres?host=$dir&port=$port'"
}

stop() {
    local dir="${1:?usage: pg-cluster.sh stop DIR}"
    case "$dir" in /tmp/tumorboard-pg.*) ;; *) echo "pg-cluster: $dir is not a cluster this script made" >&2; exit 1 ;; esac
    [ -d "$dir/data" ] && as_server "$BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}

case "${1:-}" in
    start) start "${2:-}" ;;
    stop) stop "${2:-}" ;;
    *) echo "usage: scripts/pg-cluster.sh start | stop DIR" >&2; exit 2 ;;
esac

# Sourced by .ci/run: a throwaway PostgreSQL server for the hub's tests, on 127.0.0.1, stopped when the run ends.
# Debian's package is installed when the machine has none; the cluster lives in a temporary folder.
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(pg_bin)" ]; then
    echo "Installing PostgreSQL (Debian's postgresql package) ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
PG_BIN="$(pg_bin)"
PG_DIR="$(mktemp -d /tmp/frontdesk-pg.XXXXXX)"
PG_PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
PG_AS=()
if [ "$(id -u)" = 0 ]; then  # PostgreSQL refuses to run as root
    chown postgres "$PG_DIR"
    PG_AS=(runuser -u postgres --)
fi
"${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U frontdesk -E UTF8 >/dev/null
"${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c max_connections=300 -c fsync=off" start >/dev/null
stop_postgres() { "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1; rm -rf "$PG_DIR"; }
trap stop_postgres EXIT
# The hub and sync suites run against this server as well as SQLite (tests/hub_databases.py).
export FRONTDESK_TEST_POSTGRES="postgresql+psycopg://frontdesk@127.0.0.1:$PG_PORT/postgres"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT for the hub's tests"

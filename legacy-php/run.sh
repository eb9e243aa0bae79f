#!/usr/bin/env bash
# Start the legacy shop for local use: PHP's built-in server with 4 workers.
#   LEGACY_PORT=8081 LEGACY_DB_NAME=legacy_shop LEGACY_PRODUCTS=10000 ./run.sh
# Installs missing Debian packages (as root), starts a local MariaDB if it is
# down, creates and seeds the database if it does not exist yet, then serves
# in the foreground until it is stopped: SIGTERM/SIGINT/SIGHUP to this
# script's PID (or Ctrl-C) stops the server together with its worker
# processes. (A bare `exec php -S` would not do that: with
# PHP_CLI_SERVER_WORKERS, killing the parent leaves the workers serving.)
# Other settings: LEGACY_HOST (127.0.0.1), LEGACY_WORKERS (4), LEGACY_DEBUG=1
# enables /_debug/echo.php, LEGACY_DB_* as in lib.sh.
set -euo pipefail
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

legacy_prepare

host="${LEGACY_HOST:-127.0.0.1}"
port="${LEGACY_PORT:-8081}"
legacy_log "legacy shop on http://$host:$port/ (database $LEGACY_DB_NAME, PHP built-in server, ${LEGACY_WORKERS:-4} workers)"
legacy_log "demo sign-in: demo@example.com / demo1234"
cd "$LEGACY_DIR"
# The server and its workers get their own session/process group, so they
# can be stopped together.
PHP_CLI_SERVER_WORKERS="${LEGACY_WORKERS:-4}" setsid php \
  -d display_errors=0 -d log_errors=1 -d error_log= \
  -S "$host:$port" -t "$LEGACY_DIR/public" &
server=$!

stop_server() {
  local pgid
  pgid="$(ps -o pgid= -p "$server" 2>/dev/null | tr -d ' ')"
  if [ -n "$pgid" ] && [ "$pgid" = "$server" ]; then
    kill -TERM -- "-$pgid" 2>/dev/null || true
  else
    kill -TERM "$server" $(pgrep -P "$server" 2>/dev/null) 2>/dev/null || true
  fi
  for _ in $(seq 1 25); do kill -0 "$server" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL -- "-$server" 2>/dev/null || kill -KILL "$server" 2>/dev/null || true
}
trap stop_server EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
trap 'exit 129' HUP
set +e
wait "$server"
status=$?
trap - EXIT
stop_server
exit "$status"

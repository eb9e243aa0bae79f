#!/usr/bin/env bash
# Makes sure the local PostgreSQL and MariaDB answer; starts them when they are installed locally but down.
# Used by .ci/run and ./run.sh. Safe to run repeatedly.
set -euo pipefail

pg_host=${RETAILFLOW_DB_HOST:-127.0.0.1}; pg_port=${RETAILFLOW_DB_PORT:-5432}
my_host=${LEGACY_DB_HOST:-127.0.0.1}; my_port=${LEGACY_DB_PORT:-3306}

answers() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_for() { # name host port
  for _ in $(seq 1 60); do answers "$2" "$3" && return 0; sleep 0.5; done
  echo "error: $1 does not answer on $2:$3" >&2; return 1
}

if ! answers "$pg_host" "$pg_port"; then
  if [ "$pg_host" = 127.0.0.1 ] && command -v pg_ctlcluster >/dev/null; then
    echo "PostgreSQL is down; starting the local cluster"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
    wait_for PostgreSQL "$pg_host" "$pg_port"
  else
    echo "error: no PostgreSQL on $pg_host:$pg_port. Install one (apt-get install -y postgresql) or start a Docker engine." >&2
    exit 1
  fi
fi

if ! answers "$my_host" "$my_port"; then
  if [ "$my_host" = 127.0.0.1 ] && [ -x /usr/sbin/mariadbd ]; then
    echo "MariaDB is down; starting the local server"
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
    wait_for MariaDB "$my_host" "$my_port"
  else
    echo "error: no MariaDB on $my_host:$my_port. Install one (apt-get install -y mariadb-server) or start a Docker engine." >&2
    exit 1
  fi
fi
echo "PostgreSQL $pg_host:$pg_port and MariaDB $my_host:$my_port answer"

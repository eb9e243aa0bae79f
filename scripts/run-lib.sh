# Functions for ./run.sh (source it). Each one says what it does; failures end the script with the reason.

say() { echo "[run] $*"; }
die() { echo "[run] error: $*" >&2; exit 1; }

is_local() { case "$1" in 127.0.0.1|localhost|::1) return 0 ;; *) return 1 ;; esac; }
answers() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

# "java (pid 123: java -jar app.jar)" for the process listening on a local TCP port, when it can be seen.
port_owner() {
  local port=$1 line pid
  if command -v ss >/dev/null; then
    line=$(ss -ltnpH "( sport = :$port )" 2>/dev/null | head -1)
    pid=$(grep -o 'pid=[0-9]*' <<<"$line" | head -1 | cut -d= -f2)
  fi
  if [ -z "${pid:-}" ] && command -v lsof >/dev/null; then
    pid=$(lsof -nP -t -iTCP:"$port" -sTCP:LISTEN 2>/dev/null | head -1)
  fi
  if [ -n "${pid:-}" ]; then
    echo "$(ps -o comm= -p "$pid") (pid $pid: $(ps -o args= -p "$pid" | cut -c1-120))"
  else
    echo "a process this user cannot see"
  fi
}

# Refuses to go on when a port we are about to listen on is taken.
require_free_port() { # port what variable
  if answers 127.0.0.1 "$1"; then
    die "port $1 ($2) is already in use by $(port_owner "$1"). Stop it, or pick another port: $3=<port> ./run.sh"
  fi
}

# The first port from $1 upwards that nothing listens on.
free_port_from() {
  local port=$1
  while answers 127.0.0.1 "$port"; do port=$((port + 1)); done
  echo "$port"
}

# Prints the end of a piece's log (or the failure analysis when the app explained why it did not start), then exits.
fail_with_log() { # what log
  local what=$1 log=$2 reason
  reason=$(sed -n '/^Description:/,/^Action:/{/^Description:/d;/^Action:/d;/^$/d;p}' "$log" 2>/dev/null | head -3)
  if [ -n "$reason" ]; then
    echo "[run] error: $what did not start: $reason" >&2
    sed -n '/^Action:/,${/^Action:/d;/^$/d;p}' "$log" | head -1 | sed 's/^/[run]   /' >&2
  else
    echo "[run] error: $what ${3:-did not come up}; last lines of $log:" >&2
    tail -n 25 "$log" | sed 's/^/    /' >&2
  fi
  exit 1
}

# Waits until a URL answers 2xx (or a port accepts, for tcp://host:port), while the process lives, within a limit.
wait_until_up() { # what pid url log seconds
  local what=$1 pid=$2 url=$3 log=$4 limit=$5 deadline=$((SECONDS + $5))
  while [ $SECONDS -lt $deadline ]; do
    kill -0 "$pid" 2>/dev/null || fail_with_log "$what" "$log" "exited"
    case "$url" in
      tcp://*) local hp=${url#tcp://}; answers "${hp%:*}" "${hp##*:}" && return 0 ;;
      *) curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null && return 0 ;;
    esac
    sleep 0.5
  done
  echo "[run] error: $what was not up within ${limit} s ($url)" >&2
  fail_with_log "$what" "$log"
}

# Installs Debian packages as root, or prints the exact command.
ensure_package() { # command package
  command -v "$1" >/dev/null || [ -x "/usr/sbin/$1" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "$1 is missing: installing the Debian package $2"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null 2>&1; } \
      || die "apt-get install $2 failed"
  else
    die "$1 is missing; install it with: sudo apt-get update && sudo apt-get install -y $2"
  fi
}

# The embedded PostgreSQL (binaries from a Maven artifact) on the configured port, data under $RUN_DIR/postgres.
# PostgreSQL refuses to run as root, so as root it runs as the user postgres (or nobody).
start_embedded_postgres() {
  local jar=db/embedded/target/embedded-postgres.jar log=$RUN_DIR/logs/postgres.log data=$RUN_DIR/postgres
  is_local "$RETAILFLOW_DB_HOST" || die "no PostgreSQL answers at $RETAILFLOW_DB_HOST:$RETAILFLOW_DB_PORT (not a local address, so no embedded one is started)"
  [ -f "$jar" ] || { say "building the embedded PostgreSQL launcher"; ./mvnw -q -B -pl db/embedded -am package -DskipTests; }
  say "no PostgreSQL answers at $RETAILFLOW_DB_HOST:$RETAILFLOW_DB_PORT: starting an embedded one there (data in $data, kept between runs)"
  local run=()
  if [ "$(id -u)" = 0 ]; then
    local user=nobody; id postgres >/dev/null 2>&1 && user=postgres
    mkdir -p "$data" "$RUN_DIR/postgres-binaries" "$RUN_DIR/tmp-postgres"
    chown "$user" "$data" "$RUN_DIR/postgres-binaries" "$RUN_DIR/tmp-postgres"
    runuser -u "$user" -- test -r "$jar" -a -w "$data" \
      || die "user $user cannot read $jar or write $data (PostgreSQL does not run as root); make the folders readable or run as another user"
    run=(runuser -u "$user" --)
    say "  (running it as the user $user: PostgreSQL refuses to run as root)"
  fi
  mkdir -p "$RUN_DIR/tmp-postgres"
  "${run[@]}" "$JAVA_HOME/bin/java" -Djava.io.tmpdir="$RUN_DIR/tmp-postgres" -jar "$jar" \
    "$RETAILFLOW_DB_PORT" "$data" "$RETAILFLOW_DB_NAME" >"$log" 2>&1 &
  track $! "embedded PostgreSQL"
  wait_until_up "embedded PostgreSQL" $! "tcp://127.0.0.1:$RETAILFLOW_DB_PORT" "$log" "${RETAILFLOW_START_TIMEOUT:-300}"
  # Accepting connections is not the end of its start: it creates the database once ready, and says so.
  local deadline=$((SECONDS + 60))
  until grep -q "ready on" "$log"; do
    [ $SECONDS -lt $deadline ] || fail_with_log "embedded PostgreSQL" "$log"
    sleep 0.3
  done
}

# Creates the app's database on an existing local server when psql is at hand (the embedded server does it itself).
ensure_app_database() {
  command -v psql >/dev/null || return 0
  local psql=(psql -h "$RETAILFLOW_DB_HOST" -p "$RETAILFLOW_DB_PORT" -U "$RETAILFLOW_DB_USER" -d postgres -At)
  if ! PGPASSWORD="$RETAILFLOW_DB_PASSWORD" "${psql[@]}" -c "SELECT 1" >/dev/null 2>&1; then
    return 0 # the app explains a refused sign-in itself, in one line
  fi
  if ! PGPASSWORD="$RETAILFLOW_DB_PASSWORD" "${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname='$RETAILFLOW_DB_NAME'" | grep -q 1; then
    say "creating the PostgreSQL database $RETAILFLOW_DB_NAME"
    PGPASSWORD="$RETAILFLOW_DB_PASSWORD" "${psql[@]}" -qc "CREATE DATABASE $RETAILFLOW_DB_NAME"
  fi
}

# nginx as the balancer on $PORT in front of the app instances; GETs that fail on one instance are retried on another.
write_balancer_config() { # port instance-ports...
  local port=$1; shift
  local dir=$RUN_DIR/nginx servers="" p
  mkdir -p "$dir/tmp"
  for p in "$@"; do servers+="    server 127.0.0.1:$p max_fails=1 fail_timeout=2s;"$'\n'; done
  cat >"$dir/nginx.conf" <<EOF
# Written by run.sh for --instances; overwritten on every start.
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  upstream retailflow {
$servers    keepalive 32;
  }
  server {
    listen $port;
    client_max_body_size 10m;
    location / {
      proxy_pass http://retailflow;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$host;
      proxy_set_header X-Forwarded-Port \$server_port;
      # Retried on the next instance: connection failures, and 502/503 (an instance shutting down or not ready).
      # nginx never retries a POST/PUT/PATCH/DELETE once it was sent: the shopper gets the error, nothing is replayed.
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 1s;
      proxy_read_timeout 60s;
    }
  }
}
EOF
  echo "$dir/nginx.conf"
}

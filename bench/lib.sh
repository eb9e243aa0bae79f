# Shared by the bench/*.sh scripts (source it, don't run it).
#
# What it gives a benchmark:
#   - cores: servers pinned to $BENCH_SERVER_CPU (default 1), load generators to $BENCH_LOADGEN_CPU (default 0)
#   - a private PostgreSQL and/or MariaDB started for the run and pinned to the server core (the shared system
#     instances on 5432/3306 serve other people's tests; their load would land in our numbers)
#   - a cgroup (v1 cpu/cpuacct when writable) holding everything the run starts: it accounts our CPU time, so
#     the results can say how much CPU *other* processes used on each core during the measurement, and it gives
#     the run a larger CPU share (cpu.shares=$BENCH_CPU_SHARES, default 32768 vs 1024 per other process) against concurrent builds
#   - cleanup of everything started (LIFO), on any exit
#   - wrk (closed loop, throughput) and Gatling (open model, constant arrival rate: p99) runners with parsers
#   - the results JSON writer (flat fields + date, commit, command, machine)
# Nothing here changes files outside bench/ (runtime data goes to $BENCH_TMP, default /tmp/rf-bench-<id>).

# The environment overrides that change what is measured, as given (before the defaults below fill them in).
BENCH_ENV_OVERRIDES=""
for _v in BENCH_APP_JAR BENCH_APP_COMMIT BENCH_SERVER_CPU BENCH_LOADGEN_CPU BENCH_CPU_SHARES APP_JAVA_OPTS \
          LEGACY_FPM_CHILDREN RETAILFLOW_PROXY_MAX_CONNECTIONS WRK_THREADS GATLING_JAVA_HOME; do
  [ -n "${!_v:-}" ] && BENCH_ENV_OVERRIDES+="$_v=$(printf '%q' "${!_v}") "
done
unset _v
# command_line SCRIPT ARGS...: the command as run, with those overrides in front.
command_line() { echo "$BENCH_ENV_OVERRIDES$*"; }

BENCH_DIR="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
ROOT_DIR="$(cd "$BENCH_DIR/.." && pwd)"
JAVA25="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
BENCH_SERVER_CPU="${BENCH_SERVER_CPU:-1}"
BENCH_LOADGEN_CPU="${BENCH_LOADGEN_CPU:-0}"
BENCH_CPU_SHARES="${BENCH_CPU_SHARES:-32768}"
BENCH_START_EPOCH="$(date +%s)"

say() { printf '[%s %s] %s\n' "$BENCH_ID" "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$BENCH_ID" "$*" >&2; exit 1; }
elapsed() { echo $(( $(date +%s) - BENCH_START_EPOCH )); }

# ---------------------------------------------------------------------------------------------- cleanup stack
BENCH_CLEANUPS=()
bench_on_exit() { BENCH_CLEANUPS+=("$1"); }
bench_cleanup() {
  local rc=$? i
  trap - EXIT INT TERM
  for (( i=${#BENCH_CLEANUPS[@]}-1; i>=0; i-- )); do
    eval "${BENCH_CLEANUPS[$i]}" >/dev/null 2>&1 || true
  done
  [ "$rc" = 0 ] || say "failed (exit $rc); logs in $BENCH_TMP"
  exit "$rc"
}

# Stops a process group we started with setsid (TERM, then KILL after 10 s).
stop_group() {
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
}

# start_bg VAR LOGFILE CPU CMD... : runs CMD in its own process group pinned to CPU, registers its cleanup,
# and stores its pid in VAR (not echoed: a $(...) subshell would lose the cleanup registration).
start_bg() {
  local var=$1 log=$2 cpu=$3; shift 3
  setsid taskset -c "$cpu" "$@" >"$log" 2>&1 < /dev/null &
  local pid=$!
  bench_on_exit "stop_group $pid"
  printf -v "$var" '%s' "$pid"
}

bench_init() {
  BENCH_ID=$1
  BENCH_TMP="${BENCH_TMP:-/tmp/rf-bench-$BENCH_ID}"
  BENCH_WORK="$BENCH_DIR/work"
  BENCH_RESULTS="${BENCH_RESULTS_DIR:-$BENCH_DIR/results}"   # BENCH_RESULTS_DIR: for trial runs
  mkdir -p "$BENCH_WORK" "$BENCH_RESULTS"
  rm -rf "$BENCH_TMP"; mkdir -p "$BENCH_TMP"; chmod 755 "$BENCH_TMP"
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
  local cores; cores=$(nproc --all)
  if [ "$cores" -lt 2 ]; then
    BENCH_SERVER_CPU=0; BENCH_LOADGEN_CPU=0
    say "only one core: server and load generator share core 0"
  fi
  for tool in wrk curl python3 taskset setsid; do
    command -v "$tool" >/dev/null || apt_install "$tool"
  done
  bench_cgroup_enter
}

apt_install() {
  local pkg=$1
  [ "$(id -u)" = 0 ] || die "$pkg is missing: sudo apt-get install -y $pkg"
  say "installing $pkg (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$pkg" >&2 \
    || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$pkg" >&2; } \
    || die "apt-get install $pkg failed"
}

# ---------------------------------------------------------------------------------------------- CPU accounting
BENCH_CG=""
bench_cgroup_enter() {
  local cpu=/sys/fs/cgroup/cpu acct=/sys/fs/cgroup/cpuacct name="rf-bench-$BENCH_ID-$$"
  if [ -w "$cpu/cgroup.procs" ] && [ -w "$acct/cgroup.procs" ] && mkdir "$cpu/$name" "$acct/$name" 2>/dev/null; then
    [ "$BENCH_CPU_SHARES" -gt 0 ] && echo "$BENCH_CPU_SHARES" > "$cpu/$name/cpu.shares"
    echo $$ > "$cpu/$name/cgroup.procs"; echo $$ > "$acct/$name/cgroup.procs"
    BENCH_CG="$name"
    bench_on_exit "bench_cgroup_leave"
  else
    say "no writable cgroup v1 cpu/cpuacct: CPU used by other processes is not reported"
  fi
}
bench_cgroup_leave() {
  local c p
  for c in cpu cpuacct; do
    [ -d "/sys/fs/cgroup/$c/$BENCH_CG" ] || continue
    for p in $(cat "/sys/fs/cgroup/$c/$BENCH_CG/cgroup.procs" 2>/dev/null); do
      echo "$p" > "/sys/fs/cgroup/$c/cgroup.procs" 2>/dev/null || true
    done
    rmdir "/sys/fs/cgroup/$c/$BENCH_CG" 2>/dev/null || true
  done
}
# cpu_snapshot: "busy0_ns busy1_ns ours0_ns ours1_ns" (busy = everything but idle+iowait, from /proc/stat).
cpu_snapshot() {
  local tick; tick=$(getconf CLK_TCK)
  local ours="0 0"
  [ -n "$BENCH_CG" ] && ours=$(cat "/sys/fs/cgroup/cpuacct/$BENCH_CG/cpuacct.usage_percpu")
  awk -v tick="$tick" -v c0="$BENCH_LOADGEN_CPU" -v c1="$BENCH_SERVER_CPU" -v ours="$ours" '
    $1 == "cpu" c0 || $1 == "cpu" c1 { b = ($2+$3+$4+$7+$8) * 1e9 / tick; busy[$1] = b }
    END { split(ours, o, " "); printf "%.0f %.0f %.0f %.0f\n", busy["cpu" c0], busy["cpu" c1], o[c0+1], o[c1+1] }' /proc/stat
}
# foreign_cpu BEFORE AFTER SECONDS: "loadgen_core_pct server_core_pct" used by processes outside the run.
foreign_cpu() {
  python3 - "$1" "$2" "$3" <<'PY'
import sys
a = list(map(float, sys.argv[1].split())); b = list(map(float, sys.argv[2].split())); s = float(sys.argv[3]) * 1e9
d = [y - x for x, y in zip(a, b)]
print("%.0f %.0f" % (max(0, d[0] - d[2]) * 100 / s, max(0, d[1] - d[3]) * 100 / s))
PY
}

# ---------------------------------------------------------------------------------------------- helpers
port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }
wait_port() { # wait_port HOST PORT SECONDS WHAT
  local i
  for i in $(seq 1 $(( $3 * 5 ))); do port_open "$1" "$2" && return 0; sleep 0.2; done
  die "$4 did not open $1:$2 within $3 s"
}
need_free_port() { port_open 127.0.0.1 "$1" && die "port $1 is already in use (set the matching BENCH_*_PORT)"; return 0; }

machine_string() {
  local model cores mem
  model=$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1)
  cores=$(nproc --all)
  mem=$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)
  echo "$model, $cores cores, $mem RAM, $(. /etc/os-release; echo "$PRETTY_NAME"); load generator and servers share this machine: servers (and their databases) pinned to core $BENCH_SERVER_CPU, load generator (wrk, Gatling) pinned to core $BENCH_LOADGEN_CPU with taskset"
}

# write_json FILE KEY=VALUE... : numbers stay numbers, everything else becomes a string.
write_json() {
  local file=$1; shift
  python3 - "$file" "$@" <<'PY'
import json, sys, re
out = {}
for kv in sys.argv[2:]:
    k, _, v = kv.partition("=")
    if re.fullmatch(r"-?[0-9]+", v): out[k] = int(v)
    elif re.fullmatch(r"-?[0-9]*\.[0-9]+", v): out[k] = float(v)
    else: out[k] = v
with open(sys.argv[1], "w") as f:
    json.dump(out, f, indent=2, ensure_ascii=False); f.write("\n")
PY
}

# ---------------------------------------------------------------------------------------------- the app
# ensure_app_jar: builds app/target/retailflow-app.jar only when missing (retrying while others are mid-change),
# then copies it to bench/work so a concurrent build cannot swap it mid-run. Sets APP_JAR.
# BENCH_APP_JAR=/path/to.jar runs that jar instead (copied the same way).
ensure_app_jar() {
  local src="${BENCH_APP_JAR:-$ROOT_DIR/app/target/retailflow-app.jar}" try
  for try in 1 2 3 4 5; do
    if [ ! -f "$src" ] && [ -z "${BENCH_APP_JAR:-}" ]; then
      say "building the app (app/target/retailflow-app.jar is missing), try $try"
      (cd "$ROOT_DIR" && JAVA_HOME="$JAVA25" ./mvnw -q -B -o -DskipTests install) >"$BENCH_TMP/build.log" 2>&1 \
        || { say "build failed (see $BENCH_TMP/build.log); retrying in 60 s"; sleep 60; continue; }
    fi
    cp "$src" "$BENCH_WORK/retailflow-app-$BENCH_ID.jar.tmp" 2>/dev/null \
      && unzip -tq "$BENCH_WORK/retailflow-app-$BENCH_ID.jar.tmp" >/dev/null 2>&1 \
      && mv "$BENCH_WORK/retailflow-app-$BENCH_ID.jar.tmp" "$BENCH_WORK/retailflow-app-$BENCH_ID.jar" \
      && { APP_JAR="$BENCH_WORK/retailflow-app-$BENCH_ID.jar"; touch -r "$src" "$APP_JAR"
           APP_JAR_BUILT=$(date -u -r "$src" +%Y-%m-%dT%H:%M:%SZ); APP_JAR_SOURCE=$src; say "app jar: $src (built $APP_JAR_BUILT)"; return 0; }
    say "the jar is being rewritten by a build; retrying in 20 s"; sleep 20
  done
  die "no usable app/target/retailflow-app.jar"
}

# JVM flags for the app. One core: the JVM sees 1 CPU (taskset) and picks SerialGC, which suits a 1-core
# server; a fixed heap avoids resizing pauses during the run.
APP_JAVA_OPTS="${APP_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseSerialGC -Xlog:disable -Xlog:all=warning:stderr}"

# start_app PORT LOG [ENV=VALUE...]: starts the copied jar pinned to the server core; waits for readiness.
start_app() {
  local port=$1 log=$2; shift 2
  need_free_port "$port"
  local t0; t0=$(date +%s.%N)
  local launch=(-jar "$APP_JAR")
  APP_WORKAROUND=""
  # Work-around, not a fix: a jar that ships spring-modulith-runtime without ArchUnit (app/pom.xml declares
  # archunit with <scope>test</scope>, which overrides spring-modulith-core's compile dependency) fails at
  # start-up with NoClassDefFoundError com/tngtech/archunit/...; add ArchUnit from the local Maven repository
  # through Boot's PropertiesLauncher (loader.path) so the benchmark can run, and say so in the results.
  if unzip -l "$APP_JAR" | grep -q 'BOOT-INF/lib/spring-modulith-runtime' && ! unzip -l "$APP_JAR" | grep -q 'BOOT-INF/lib/archunit-'; then
    local au; au=$(ls "$HOME"/.m2/repository/com/tngtech/archunit/archunit/*/archunit-*.jar 2>/dev/null | grep -v sources | sort -V | tail -1)
    [ -n "$au" ] || die "the app jar lacks ArchUnit (needed by spring-modulith-runtime) and none is in ~/.m2 to add"
    launch=(-Dloader.path="$au" -cp "$APP_JAR" org.springframework.boot.loader.launch.PropertiesLauncher)
    APP_WORKAROUND="app jar lacks ArchUnit needed by spring-modulith-runtime at start-up; started with PropertiesLauncher -Dloader.path=$(basename "$au")"
    say "WORK-AROUND: $APP_WORKAROUND"
  fi
  # shellcheck disable=SC2086
  # The demo profile: the benchmarks flip routes with admin/admin.
  start_bg APP_PID "$log" "$BENCH_SERVER_CPU" env PORT="$port" SPRING_PROFILES_ACTIVE="${SPRING_PROFILES_ACTIVE:-demo}" "$@" "$JAVA25/bin/java" $APP_JAVA_OPTS "${launch[@]}"
  local i
  for i in $(seq 1 600); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null && break
    kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$log" >&2; die "the app exited during start-up (log: $log)"; }
    sleep 0.5
  done
  curl -fsS -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness" || die "the app is not ready after 300 s (log: $log)"
  APP_STARTUP_S=$(python3 -c "import time;print('%.1f' % (time.time() - $t0))")
  say "app ready on :$port in ${APP_STARTUP_S} s (pid $APP_PID, pinned to core $BENCH_SERVER_CPU)"
}

# ---------------------------------------------------------------------------------------------- databases
# start_private_postgres PORT: a throw-away cluster in $BENCH_TMP/pg, pinned to the server core, trust auth.
start_private_postgres() {
  local port=$1 bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$bin" ]; then apt_install postgresql; bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1); fi
  need_free_port "$port"
  local dir="$BENCH_TMP/pg"
  mkdir -p "$dir"; chown postgres: "$dir"
  bench_on_exit "rm -rf '$dir/data'"   # runs after the server is stopped (LIFO); logs stay in $BENCH_TMP
  runuser -u postgres -- "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$BENCH_TMP/pg-initdb.log" 2>&1 || die "initdb failed (see $BENCH_TMP/pg-initdb.log)"
  # Settings of a small dedicated server: 1 GiB shared buffers, no durability shortcuts.
  start_bg PG_PID "$BENCH_TMP/postgres.log" "$BENCH_SERVER_CPU" runuser -u postgres -- "$bin/postgres" -D "$dir/data" \
    -p "$port" -k "$dir" -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_connections=200 \
    -c logging_collector=off
  wait_port 127.0.0.1 "$port" 30 "PostgreSQL"
  for _ in $(seq 1 50); do "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break; sleep 0.2; done
  PG_PORT=$port
  say "private PostgreSQL on 127.0.0.1:$port (core $BENCH_SERVER_CPU)"
}
psql_q() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAtc "$1"; }

# start_private_mariadb PORT: a throw-away MariaDB in $BENCH_TMP/mariadb, pinned to the server core; root with
# an empty password over TCP (as the shop expects).
start_private_mariadb() {
  local port=$1
  [ -x /usr/sbin/mariadbd ] || apt_install mariadb-server
  need_free_port "$port"
  local dir="$BENCH_TMP/mariadb"
  mkdir -p "$dir"; chown mysql: "$dir"
  bench_on_exit "rm -rf '$dir/data'"
  mariadb-install-db --no-defaults --datadir="$dir/data" --user=mysql --auth-root-authentication-method=normal \
    --skip-test-db >"$BENCH_TMP/mariadb-install.log" 2>&1 || die "mariadb-install-db failed (see $BENCH_TMP/mariadb-install.log)"
  # Debian's defaults otherwise; a buffer pool that holds 1M products (the shared instance has 128 MB).
  start_bg MARIADB_PID "$BENCH_TMP/mariadb.log" "$BENCH_SERVER_CPU" /usr/sbin/mariadbd --no-defaults --user=mysql \
    --datadir="$dir/data" --port="$port" --bind-address=127.0.0.1 --socket="$dir/mariadb.sock" \
    --pid-file="$dir/mariadb.pid" --innodb-buffer-pool-size=1G --max-connections=500 --skip-log-bin \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci --local-infile=1
  wait_port 127.0.0.1 "$port" 60 "MariaDB"
  MARIADB_PORT=$port
  say "private MariaDB on 127.0.0.1:$port (core $BENCH_SERVER_CPU)"
}
mariadb_q() { mariadb -h127.0.0.1 -P"$MARIADB_PORT" -uroot -N -B -e "$1"; }

# ---------------------------------------------------------------------------------------------- load generators
# run_wrk NAME BASEURL PATH IDSFILE SECONDS CONNECTIONS COOKIE -> sets WRK_RPS WRK_P50_MS WRK_P99_MS WRK_NON2XX
# WRK_ERRORS WRK_REQUESTS. PATH may contain {id}, replaced by a random id from IDSFILE (one per line) per request.
WRK_THREADS="${WRK_THREADS:-2}"
run_wrk() {
  local name=$1 base=$2 path=$3 ids=$4 secs=$5 conns=$6 cookie=$7
  local out="$BENCH_TMP/wrk-$name.json"
  rm -f "$out"
  local hdr=()
  [ -n "$cookie" ] && hdr=(-H "Cookie: $cookie")
  WRK_SUMMARY="$out" taskset -c "$BENCH_LOADGEN_CPU" wrk -t "$WRK_THREADS" -c "$conns" -d "${secs}s" --timeout 10s "${hdr[@]}" \
    -H 'Accept: text/html,application/json;q=0.9,*/*;q=0.8' \
    -s "$BENCH_DIR/wrk/random-ids.lua" "$base" -- "$path" "$ids" >"$BENCH_TMP/wrk-$name.log" 2>&1 \
    || { cat "$BENCH_TMP/wrk-$name.log" >&2; die "wrk $name failed"; }
  [ -s "$out" ] || { cat "$BENCH_TMP/wrk-$name.log" >&2; die "wrk $name wrote no summary"; }
  eval "$(python3 - "$out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
secs = d["duration_us"] / 1e6
print("WRK_REQUESTS=%d" % d["requests"])
print("WRK_RPS=%.0f" % (d["requests"] / secs))
print("WRK_P50_MS=%.2f" % (d["p50_us"] / 1000))
print("WRK_P99_MS=%.2f" % (d["p99_us"] / 1000))
print("WRK_NON2XX=%d" % d["status_errors"])
print("WRK_ERRORS=%d" % (d["connect"] + d["read"] + d["write"] + d["timeout"]))
PY
)"
}

# run_gatling TAG RATE SECONDS WARMUP IDSFILE COOKIE TARGETS -> writes $BENCH_TMP/gatling-TAG.tsv with
# name, count, ok, ko, p50, p75, p95, p99, max, mean (ms) per request name. TARGETS: "name|baseUrl|path;..."
# GATLING_ARGS adds -D options (another simulation: -Dgatling.simulationClass=... and its properties).
GATLING_JAVA_HOME="${GATLING_JAVA_HOME:-$JAVA25}"
run_gatling() {
  local tag=$1 rate=$2 secs=$3 warm=$4 ids=$5 cookie=$6 targets=$7
  local res="$BENCH_TMP/gatling-$tag"
  rm -rf "$res"
  local offline=-o
  [ -d "$HOME/.m2/repository/io/gatling/highcharts/gatling-charts-highcharts" ] || offline=""
  (cd "$ROOT_DIR" && JAVA_HOME="$GATLING_JAVA_HOME" taskset -c "$BENCH_LOADGEN_CPU" ./mvnw -B -q $offline \
      -f bench/gatling/pom.xml gatling:test -Dgatling.results="$res" -Drate="$rate" -Dduration="$secs" \
      -Dwarmup="$warm" -Dids="$ids" -Dcookie="$cookie" -Dtargets="$targets" ${GATLING_ARGS:-}) >"$BENCH_TMP/gatling-$tag.log" 2>&1 \
    || { tail -40 "$BENCH_TMP/gatling-$tag.log" >&2; die "Gatling ($tag) failed"; }
  local report; report=$(ls -d "$res"/*/index.html 2>/dev/null | head -1)
  [ -n "$report" ] || die "Gatling ($tag) wrote no report"
  python3 - "$report" > "$BENCH_TMP/gatling-$tag.tsv" <<'PY'
import re, sys, html
h = open(sys.argv[1], encoding="utf-8").read()
# The statistics table: one <tr> per request name; columns 2..14 = total, ok, ko, ko%, rps, min, p50, p75,
# p95, p99, max, mean, stddev (the default percentiles 50/75/95/99, in whole milliseconds).
for m in re.finditer(r'class="ellipsed-name">([^<]*)</span>.*?</tr>', h, re.S):
    cols = dict(re.findall(r'<td class="value [a-z]+ col-(\d+)">([^<]*)</td>', m.group(0)))
    name = html.unescape(m.group(1))
    print("\t".join([name] + [cols.get(str(c), "") for c in (2, 3, 4, 8, 9, 10, 11, 12, 13)]))
PY
  GATLING_REPORT=$(dirname "$report")
}
# gatling_field TAG NAME COLUMN(count|ok|ko|p50|p75|p95|p99|max|mean)
gatling_field() {
  local col
  case $3 in count) col=2;; ok) col=3;; ko) col=4;; p50) col=5;; p75) col=6;; p95) col=7;; p99) col=8;; max) col=9;; mean) col=10;; esac
  awk -F'\t' -v n="$2" -v c="$col" '$1 == n { print $c; found=1 } END { if (!found) print "" }' "$BENCH_TMP/gatling-$1.tsv"
}

# proxy_counts BASEURL ROUTE -> "new_total legacy_total new_5xx" from the app's Prometheus endpoint
# (retailflow_proxy_requests by route/side/outcome): shows whether a "new" run was really answered by the new
# side (a new-side 5xx on a GET is replayed to legacy, and enough of them trip the automatic fallback).
proxy_counts() {
  curl -fsS "$1/actuator/prometheus" | python3 -c '
import re, sys
route = sys.argv[1]; new = legacy = err = 0.0
for line in sys.stdin:
    if not line.startswith("retailflow_proxy_requests_seconds_count{"): continue
    labels = dict(re.findall(r"(\w+)=\"([^\"]*)\"", line)); v = float(line.rsplit(" ", 1)[1])
    if labels.get("route") != route: continue
    if labels.get("side") == "new": new += v
    if labels.get("side") == "legacy": legacy += v
    if labels.get("outcome") == "SERVER_ERROR": err += v
print("%d %d %d" % (new, legacy, err))' "$2"
}

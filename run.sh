#!/usr/bin/env bash
# One command for the whole system with demo data:
#   ./run.sh                 the legacy PHP shop (MariaDB, seeded) and the app with the strangler proxy on :8080
#   ./run.sh --instances 2   two app instances behind nginx as the load balancer, on the same port
# Every route is LEGACY on first start; the 'demo' profile accepts admin/admin. Ctrl-C stops everything.
# Settings: environment variables in README.md.
# Needs only a JDK 25: no PostgreSQL at the configured address → an embedded one; PHP, MariaDB, nginx missing →
# installed from Debian's packages as root (otherwise the exact command is printed).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
source scripts/run-lib.sh

instances=1
while [ $# -gt 0 ]; do
  case "$1" in
    --instances) instances=${2:?--instances needs a number}; shift 2 ;;
    --instances=*) instances=${1#*=}; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1 (try --help)" ;;
  esac
done
[[ "$instances" =~ ^[1-9]$ ]] || die "--instances takes 1 to 9, not $instances"

source scripts/java-home.sh

export PORT=${PORT:-8080}
export LEGACY_PORT=${LEGACY_PORT:-8081}
export RETAILFLOW_LEGACY_URL=${RETAILFLOW_LEGACY_URL:-http://127.0.0.1:$LEGACY_PORT}
export RETAILFLOW_DB_HOST=${RETAILFLOW_DB_HOST:-127.0.0.1} RETAILFLOW_DB_PORT=${RETAILFLOW_DB_PORT:-5432}
export RETAILFLOW_DB_NAME=${RETAILFLOW_DB_NAME:-retailflow} RETAILFLOW_DB_USER=${RETAILFLOW_DB_USER:-postgres}
export RETAILFLOW_DB_PASSWORD=${RETAILFLOW_DB_PASSWORD:-}
export LEGACY_DB_HOST=${LEGACY_DB_HOST:-127.0.0.1} LEGACY_DB_PORT=${LEGACY_DB_PORT:-3306}
export LEGACY_DB_NAME=${LEGACY_DB_NAME:-legacy_shop} LEGACY_DB_USER=${LEGACY_DB_USER:-root}
export LEGACY_DB_PASSWORD=${LEGACY_DB_PASSWORD:-}
# The demo profile: identity's first admin is admin/admin unless RETAILFLOW_ADMIN_PASSWORD is set (the app says so
# on start). Without the profile, the app refuses to start until RETAILFLOW_ADMIN_PASSWORD is set.
export SPRING_PROFILES_ACTIVE=${SPRING_PROFILES_ACTIVE:-demo}
RUN_DIR=$(mkdir -p "${RETAILFLOW_RUN_DIR:-.run}/logs" && cd "${RETAILFLOW_RUN_DIR:-.run}" && pwd)
timeout_s=${RETAILFLOW_START_TIMEOUT:-300}

require_free_port "$PORT" "the shop" PORT
require_free_port "$LEGACY_PORT" "the legacy shop" LEGACY_PORT

pids=() names=() reported=()
track() { pids+=("$1"); names+=("$2"); }
cleanup() {
  trap - EXIT INT TERM
  say "stopping"
  local i
  # In reverse order of start: balancer, app instances, legacy shop, then the database they use.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM "${pids[$i]}" 2>/dev/null || continue
    for _ in $(seq 1 100); do kill -0 "${pids[$i]}" 2>/dev/null || break; sleep 0.2; done
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- PostgreSQL: the configured one, or an embedded one when nothing answers there
if answers "$RETAILFLOW_DB_HOST" "$RETAILFLOW_DB_PORT"; then
  say "PostgreSQL answers at $RETAILFLOW_DB_HOST:$RETAILFLOW_DB_PORT (database $RETAILFLOW_DB_NAME)"
  ensure_app_database
else
  start_embedded_postgres
fi

# --- the legacy shop: PHP and MariaDB (installed and started when missing), seeded database, PHP's server
if ! ( set +o pipefail; . legacy-php/lib.sh && legacy_prepare ) 2>&1 | sed -u 's/^/[run] /'; then
  die "the legacy shop could not be prepared (see above)"
fi
say "starting the legacy shop on http://127.0.0.1:$LEGACY_PORT (database $LEGACY_DB_NAME)"
legacy-php/run.sh >"$RUN_DIR/logs/legacy.log" 2>&1 &
track $! "legacy shop"
wait_until_up "the legacy shop" $! "tcp://127.0.0.1:$LEGACY_PORT" "$RUN_DIR/logs/legacy.log" "$timeout_s"

# --- the app: built when missing or older than its sources (package, never install: ~/.m2 stays untouched)
jar=app/target/retailflow-app.jar
if [ ! -f "$jar" ] || [ -n "$(find . -path ./app/target -prune -o -path ./.run -prune -o -path '*/target' -prune -o \( -name '*.java' -o -name '*.sql' -o -name '*.yml' -o -name '*.jte' -o -name pom.xml \) -newer "$jar" -print -quit)" ]; then
  say "building the app (first run or sources changed)"
  ./mvnw -q -B -DskipTests -pl app -am package
fi

# --- start-up settings (docs/adr/0052): the jar extracted, with a JVM AOT cache trained by a start-up that exits after
# the context refresh (again when the jar or the options change), a small serial heap and the client compiler only;
# RETAILFLOW_JAVA_OPTS replaces the JVM options.
jvm_opts=${RETAILFLOW_JAVA_OPTS:--XX:+UseSerialGC -XX:MaxRAM=1g -Xss512k -XX:TieredStopAtLevel=1}
aot_dir=app/target/aot app_jar=app/target/aot/retailflow-app.jar   # next to the jar: every run of this build shares it
if [ ! -f "$aot_dir/app.aot" ] || [ "$jar" -nt "$aot_dir/app.aot" ] || [ "$(cat "$aot_dir/jvm-opts" 2>/dev/null)" != "$jvm_opts" ]; then
  say "extracting the app and training its AOT cache (once per build; log $RUN_DIR/logs/aot.log)"
  rm -rf "$aot_dir"
  if ! { "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$aot_dir" \
      && timeout "$timeout_s" "$JAVA_HOME/bin/java" $jvm_opts -XX:AOTCacheOutput="$aot_dir/app.aot" -Dspring.context.exit=onRefresh \
        -jar "$app_jar"; } >"$RUN_DIR/logs/aot.log" 2>&1 </dev/null; then
    say "no AOT cache (see $RUN_DIR/logs/aot.log): starting the jar as it is"
    rm -rf "$aot_dir"
  else
    printf '%s' "$jvm_opts" >"$aot_dir/jvm-opts"
  fi
fi
aot_opt=()
if [ -f "$aot_dir/app.aot" ]; then aot_opt=(-XX:AOTCache="$aot_dir/app.aot"); else app_jar=$jar; fi

app_ports=()
if [ "$instances" = 1 ]; then
  app_ports=("$PORT")
else
  next=$((PORT + 1))
  for ((i = 1; i <= instances; i++)); do
    p=$(free_port_from "$next"); [ "$p" = "$LEGACY_PORT" ] && p=$(free_port_from $((p + 1)))
    app_ports+=("$p"); next=$((p + 1))
  done
fi
for i in "${!app_ports[@]}"; do
  n=$((i + 1)) p=${app_ports[$i]}
  say "starting app instance $n on http://127.0.0.1:$p (log $RUN_DIR/logs/app-$n.log)"
  "$JAVA_HOME/bin/java" $jvm_opts "${aot_opt[@]}" -jar "$app_jar" --server.port="$p" >"$RUN_DIR/logs/app-$n.log" 2>&1 &
  track $! "app instance $n (port $p)"
done
for i in "${!app_ports[@]}"; do
  n=$((i + 1))
  wait_until_up "app instance $n" "${pids[$((${#pids[@]} - instances + i))]}" \
    "http://127.0.0.1:${app_ports[$i]}/actuator/health/readiness" "$RUN_DIR/logs/app-$n.log" "$timeout_s"
done

# --- the balancer for several instances
if [ "$instances" -gt 1 ]; then
  ensure_package nginx nginx
  conf=$(write_balancer_config "$PORT" "${app_ports[@]}")
  say "starting nginx on http://localhost:$PORT, balancing over ports ${app_ports[*]}"
  nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
  "$nginx_bin" -p "$RUN_DIR/nginx" -e "$RUN_DIR/nginx/error.log" -c "$conf" -g 'daemon off;' >"$RUN_DIR/logs/nginx.log" 2>&1 &
  track $! "nginx"
  wait_until_up "nginx" $! "http://127.0.0.1:$PORT/actuator/health/readiness" "$RUN_DIR/logs/nginx.log" 30
fi

say "ready:"
say "  shop (through the proxy)   http://localhost:$PORT/"
[ "$instances" -gt 1 ] && say "  app instances              ${app_ports[*]/#/:} behind nginx"
say "  legacy shop (direct)       http://127.0.0.1:$LEGACY_PORT/"
say "  migration console          http://localhost:$PORT/admin"
say "  route table                curl -u admin:admin http://localhost:$PORT/admin/api/routes"
say "  health / metrics           http://localhost:$PORT/actuator/health  /actuator/prometheus (more with -u admin:admin)"
case ",$SPRING_PROFILES_ACTIVE," in *,demo,*) say "  DEMO profile: admin/admin is accepted; never use this profile in production";; esac
say "  demo shopper               demo@example.com / demo1234"
say "  logs                       $RUN_DIR/logs/"
say "Ctrl-C stops everything."

# Runs until Ctrl-C, or until a piece stops: the database, the legacy shop or the balancer, or the last app instance.
while true; do
  sleep 1
  alive_apps=0
  for i in "${!pids[@]}"; do
    if kill -0 "${pids[$i]}" 2>/dev/null; then
      [[ "${names[$i]}" == app* ]] && alive_apps=$((alive_apps + 1))
    elif [ -z "${reported[$i]:-}" ]; then
      reported[$i]=1
      say "${names[$i]} has stopped"
      [[ "${names[$i]}" == app* ]] || die "${names[$i]} stopped; stopping everything"
    fi
  done
  [ "$alive_apps" -gt 0 ] || die "no app instance is running any more; stopping everything"
done

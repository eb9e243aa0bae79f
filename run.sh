#!/usr/bin/env bash
# One command for the whole system with demo data:
#   legacy PHP shop (MariaDB, seeded) on :8081, the app with the strangler proxy on http://localhost:8080
#   (every route LEGACY on first start), admin API under /admin/api (admin/admin: the 'demo' profile, or
#   RETAILFLOW_ADMIN_USER / RETAILFLOW_ADMIN_PASSWORD). Ctrl-C stops everything.
# Settings: PORT (8080), LEGACY_PORT (8081), LEGACY_PRODUCTS (10000), RETAILFLOW_DB_URL, RETAILFLOW_DB_USER.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
say() { echo "[run] $*"; }

source scripts/java-home.sh
scripts/ensure-databases.sh

export LEGACY_PORT=${LEGACY_PORT:-8081}
export PORT=${PORT:-8080}
export RETAILFLOW_LEGACY_URL=${RETAILFLOW_LEGACY_URL:-http://127.0.0.1:$LEGACY_PORT}
export LEGACY_DB_NAME=${LEGACY_DB_NAME:-legacy_shop}
db_url=${RETAILFLOW_DB_URL:-jdbc:postgresql://127.0.0.1:5432/retailflow}
db_name=${db_url##*/}; db_name=${db_name%%\?*}

if command -v psql >/dev/null; then
  if ! psql -h 127.0.0.1 -U "${RETAILFLOW_DB_USER:-postgres}" -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname='$db_name'" | grep -q 1; then
    say "creating PostgreSQL database $db_name"
    psql -h 127.0.0.1 -U "${RETAILFLOW_DB_USER:-postgres}" -d postgres -qc "CREATE DATABASE $db_name"
  fi
fi

pids=()
cleanup() {
  trap - EXIT INT TERM
  say "stopping"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

say "starting the legacy shop on http://127.0.0.1:$LEGACY_PORT (database $LEGACY_DB_NAME)"
legacy-php/run.sh &
pids+=($!)
for _ in $(seq 1 240); do (exec 3<>"/dev/tcp/127.0.0.1/$LEGACY_PORT") 2>/dev/null && break; sleep 0.5; done

jar=app/target/retailflow-app.jar
if [ ! -f "$jar" ] || [ -n "$(find . -path ./app/target -prune -o \( -name '*.java' -o -name '*.sql' -o -name '*.yml' -o -name '*.jte' -o -name pom.xml \) -newer "$jar" -print -quit)" ]; then
  say "building the app (first run or sources changed)"
  ./mvnw -q -B -DskipTests install
fi

say "starting the app on http://localhost:$PORT (proxy in front of everything; admin API: /admin/api, user admin)"
# The demo profile: admin/admin for the console and admin API unless RETAILFLOW_ADMIN_PASSWORD is set (the app
# says so on start). Without it, the app refuses to start until admin credentials are configured.
export SPRING_PROFILES_ACTIVE=${SPRING_PROFILES_ACTIVE:-demo}
"$JAVA_HOME/bin/java" -jar "$jar" &
pids+=($!)
for _ in $(seq 1 240); do
  if curl -fsS "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; then
    say "ready:"
    say "  shop (through the proxy)   http://localhost:$PORT/"
    say "  legacy shop (direct)       http://127.0.0.1:$LEGACY_PORT/"
    say "  route table                curl -u admin:admin http://localhost:$PORT/admin/api/routes"
    say "  health / metrics           http://localhost:$PORT/actuator/health  /actuator/prometheus (more with -u admin:admin)"
    case ",$SPRING_PROFILES_ACTIVE," in *,demo,*) say "  DEMO profile: admin/admin is accepted; never use this profile in production";; esac
    say "  demo shopper               demo@example.com / demo1234"
    say "Ctrl-C stops everything."
    break
  fi
  sleep 0.5
done
wait -n "${pids[@]}"

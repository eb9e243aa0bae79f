#!/usr/bin/env bash
# B6 legacy down (issue 18): what a hung legacy shop costs the new routes. The app (catalog route NEW) in front of
# the legacy PHP shop as deployed (nginx + php-fpm); the same measurement twice in one run:
#   healthy  legacy answers
#   frozen   the whole legacy shop SIGSTOPped (the kernel still accepts connections, nothing answers: a hung
#            php-fpm), so legacy requests wait the read timeout until the route's circuit breaker opens
# Each phase, while --legacy-connections shoppers send GET /login.php (a legacy route) back to back:
#   1. throughput: wrk (closed loop) on GET /products/{id} (a new route), --connections, --duration after --warmup
#   2. latency: Gatling, open model at --rate req/s: the new route (its p99), then /login.php alone (what shoppers
#      on a legacy route get: in the frozen phase the breaker's 503s, or the bulkhead's)
# Then legacy is thawed (SIGCONT) and the time until /login.php is served by legacy again is measured.
#
#   bench/b6-legacy-down.sh [--products 1000] [--duration 30] [--warmup 30] [--connections 64]
#                           [--legacy-connections 32] [--rate N] [--gatling-duration 30] [--gatling-warmup 10]
#
# --rate defaults to 30 % of the healthy new-route wrk throughput (capped at 3000/s, leaving room on the load
# generator core for the legacy load's wrk). The app runs with its own defaults (application.yml: read timeout 10 s, breaker after 10 calls at 50 %,
# open 10 s). Servers on core $BENCH_SERVER_CPU (1), load generators on core $BENCH_LOADGEN_CPU (0).
# Writes bench/results/b6-legacy-down.json and bench/results/b6-legacy-down.txt (BENCH_RESULTS_DIR for trials).
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/lib.sh"
COMMAND=$(command_line bench/b6-legacy-down.sh "$@")

products=1000 duration=30 warmup=30 connections=64 legacy_connections=32 rate="" gduration=30 gwarmup=10
while [ $# -gt 0 ]; do
  case $1 in
    --products) products=$2; shift 2;;
    --duration) duration=$2; shift 2;;
    --warmup) warmup=$2; shift 2;;
    --connections) connections=$2; shift 2;;
    --legacy-connections) legacy_connections=$2; shift 2;;
    --rate) rate=$2; shift 2;;
    --gatling-duration) gduration=$2; shift 2;;
    --gatling-warmup) gwarmup=$2; shift 2;;
    -h|--help) sed -n '2,21p' "$0"; exit 0;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2;;
  esac
done

app_port=${BENCH_B6_APP_PORT:-18680}
legacy_port=${BENCH_B6_LEGACY_PORT:-18682}
pg_port=${BENCH_B6_PG_PORT:-18683}
maria_port=${BENCH_B6_MARIADB_PORT:-18684}

bench_init b6-legacy-down
say "servers on core $BENCH_SERVER_CPU, load generators on core $BENCH_LOADGEN_CPU; work dir $BENCH_TMP"
command -v wrk >/dev/null || apt_install wrk
ensure_app_jar
start_private_mariadb "$maria_port"
start_private_postgres "$pg_port"

db=rfb_b6_legacy
LEGACY_DB_HOST=127.0.0.1 LEGACY_DB_PORT="$maria_port" php "$ROOT_DIR/legacy-php/seed.php" --products="$products" --db="$db" \
  >"$BENCH_TMP/seed.log" 2>&1 || { cat "$BENCH_TMP/seed.log" >&2; die "seeding $products products failed"; }
ids="$BENCH_TMP/ids.txt"
mariadb_q "SELECT id FROM $db.products WHERE status = 1 ORDER BY id" > "$ids"
last=$(tail -1 "$ids")

need_free_port "$legacy_port"
start_bg legacy_pid "$BENCH_TMP/legacy.log" "$BENCH_SERVER_CPU" env LEGACY_DB_HOST=127.0.0.1 \
  LEGACY_DB_PORT="$maria_port" LEGACY_DB_NAME="$db" LEGACY_PRODUCTS="$products" LEGACY_FPM_PORT="$legacy_port" \
  LEGACY_FPM_RUN_DIR="$BENCH_TMP/fpm" ${LEGACY_FPM_CHILDREN:+LEGACY_FPM_CHILDREN=$LEGACY_FPM_CHILDREN} \
  "$ROOT_DIR/legacy-php/run-fpm.sh"
# Registered after the group's stop: runs first (LIFO), since a stopped process keeps SIGTERM pending.
bench_on_exit "kill -CONT -- -$legacy_pid"
wait_port 127.0.0.1 "$legacy_port" 60 "legacy shop (nginx + php-fpm)"
legacy="http://127.0.0.1:$legacy_port"
sid=$(curl -fsS -o /dev/null -D - "$legacy/product.php?id=1" | sed -n 's/^[Ss]et-[Cc]ookie: *PHPSESSID=\([^;]*\).*/\1/p' | head -1)
[ -n "$sid" ] || die "legacy did not start a PHP session"

psql_q "CREATE DATABASE rf_bench_b6"
app="http://127.0.0.1:$app_port"
start_app "$app_port" "$BENCH_TMP/app.log" \
  RETAILFLOW_DB_PORT="$pg_port" RETAILFLOW_DB_NAME=rf_bench_b6 RETAILFLOW_LEGACY_URL="$legacy" \
  LEGACY_DB_PORT="$maria_port" LEGACY_DB_NAME="$db" LEGACY_DB_USER=root LEGACY_DB_PASSWORD=
say "waiting for the backfill (GET /api/v1/products/$last answers 200)"
code=000
for _ in $(seq 1 1200); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$app/api/v1/products/$last" || true)
  [ "$code" = 200 ] && break
  sleep 0.5
done
[ "$code" = 200 ] || die "backfill not done after 600 s (last answer $code; log: $BENCH_TMP/app.log)"
curl -fsS -o /dev/null -u admin:admin -X PUT "$app/admin/api/routes/catalog" -H 'Content-Type: application/json' \
  -d '{"mode":"NEW","reason":"bench b6","force":true}' || die "could not flip the catalog route to NEW"
sleep 1   # route refresh interval is 500 ms
rf=$(curl -fsS -o /dev/null -D - -H "Cookie: PHPSESSID=$sid" "$app/products/1" \
     | sed -n 's/^[Ss]et-[Cc]ookie: *\(rf_[a-z]*=[^;]*\).*/\1/p' | paste -sd ';' | sed 's/;/; /g')
cookie="PHPSESSID=$sid${rf:+; $rf}"
curl -fsS -D "$BENCH_TMP/h-new.txt" -o /dev/null -H "Cookie: $cookie" "$app/products/1" || die "new /products/1 failed"
grep -qi '^X-Served-By: *new' "$BENCH_TMP/h-new.txt" || die "/products/1 was not served by the new side"
curl -fsS -D "$BENCH_TMP/h-cart.txt" -o /dev/null -H "Cookie: $cookie" "$app/login.php" || die "legacy /login.php failed"
grep -qi '^X-Served-By: *legacy' "$BENCH_TMP/h-cart.txt" || die "/login.php was not served by legacy"

breaker_state() { # breaker_state ROUTE -> the route's legacyBreaker as the admin API shows it
  curl -fsS -u admin:admin "$app/admin/api/routes" | python3 -c 'import json,sys; r=json.load(sys.stdin); print([x for x in r if x["id"]==sys.argv[1]][0].get("legacyBreaker","?"))' "$1"
}

declare -A rps wrk99 non2xx p99 p50 pmax ko lrps lnon2xx lp99 lko breaker
phase() { # phase NAME: the measurement, with the legacy load running throughout
  local ph=$1
  local legacy_secs=$(( warmup + duration + 2 * (gwarmup + gduration) + 180 ))
  say "[$ph] legacy load: $legacy_connections connections on /login.php; wrk new route: warm-up ${warmup}s, then ${duration}s"
  WRK_SUMMARY="$BENCH_TMP/wrk-legacy-$ph.json" taskset -c "$BENCH_LOADGEN_CPU" wrk -t 1 -c "$legacy_connections" \
    -d "${legacy_secs}s" --timeout 30s -H "Cookie: $cookie" -s "$BENCH_DIR/wrk/random-ids.lua" "$app" -- /login.php "" \
    >"$BENCH_TMP/wrk-legacy-$ph.log" 2>&1 &
  local legacy_load=$!
  bench_on_exit "kill $legacy_load"
  run_wrk "new-$ph-warmup" "$app" "/products/{id}" "$ids" "$warmup" "$connections" "$cookie"
  run_wrk "new-$ph" "$app" "/products/{id}" "$ids" "$duration" "$connections" "$cookie"
  rps[$ph]=$WRK_RPS wrk99[$ph]=$WRK_P99_MS non2xx[$ph]=$WRK_NON2XX
  say "[$ph] new route: $WRK_RPS req/s, closed-loop p99 $WRK_P99_MS ms, non-2xx $WRK_NON2XX"
  if [ -z "$rate" ]; then rate=$(python3 -c "print(max(10, min(3000, int(${rps[healthy]} * 0.3))))"); fi
  say "[$ph] Gatling, open model at $rate req/s: the new route, then /login.php (${gwarmup}s warm-up + ${gduration}s each)"
  run_gatling "b6-$ph" "$rate" "$gduration" "$gwarmup" "$ids" "$cookie" "new|$app|/products/#{id};legacy|$app|/login.php"
  p99[$ph]=$(gatling_field "b6-$ph" new p99) p50[$ph]=$(gatling_field "b6-$ph" new p50)
  pmax[$ph]=$(gatling_field "b6-$ph" new max) ko[$ph]=$(gatling_field "b6-$ph" new ko)
  lp99[$ph]=$(gatling_field "b6-$ph" legacy p99) lko[$ph]=$(gatling_field "b6-$ph" legacy ko)
  [ -n "${p99[$ph]}" ] || die "Gatling reported nothing for the new route ($ph)"
  breaker[$ph]=$(breaker_state identity)
  kill -INT "$legacy_load" 2>/dev/null || true   # wrk prints its summary on SIGINT
  wait "$legacy_load" 2>/dev/null || true
  eval "$(python3 - "$BENCH_TMP/wrk-legacy-$ph.json" <<'PY'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
    print("LRPS=%.0f LNON2XX=%d" % (d["requests"] / (d["duration_us"] / 1e6), d["status_errors"]))
except Exception:
    print("LRPS=n/a LNON2XX=n/a")
PY
)"
  lrps[$ph]=$LRPS lnon2xx[$ph]=$LNON2XX
  say "[$ph] new route p99 ${p99[$ph]} ms (KO ${ko[$ph]}); legacy /login.php p99 ${lp99[$ph]} ms, KO ${lko[$ph]}, wrk ${lrps[$ph]} req/s (non-2xx ${lnon2xx[$ph]}); identity breaker ${breaker[$ph]}"
}

cpu0=$(cpu_snapshot); t0=$(date +%s.%N)
phase healthy
say "freezing legacy: SIGSTOP to every process of the shop (nginx + php-fpm)"
kill -STOP -- "-$legacy_pid"
phase frozen
say "thawing legacy (SIGCONT); waiting for /login.php to be served by legacy again"
kill -CONT -- "-$legacy_pid"
thawed=$(date +%s.%N) recovered_s=""
for _ in $(seq 1 600); do
  if [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$app/login.php" || true)" = 200 ]; then
    recovered_s=$(python3 -c "import time;print('%.1f' % (time.time()-$thawed))"); break
  fi
  sleep 0.1
done
cpu1=$(cpu_snapshot)
read -r foreign_lg foreign_srv <<<"$(foreign_cpu "$cpu0" "$cpu1" "$(python3 -c "import time;print(time.time()-$t0)")")"
audit=$(curl -fsS -u admin:admin "$app/admin/api/routes/identity/history" | python3 -c 'import json,sys; print(sum(1 for e in json.load(sys.stdin) if e["actor"]=="proxy:legacy-breaker"))' || echo n/a)

ratio() { python3 -c "a,b=float('$1'),float('$2'); print('%.2f' % (a/b) if b else 'n/a')"; }
rps_ratio=$(ratio "${rps[frozen]}" "${rps[healthy]}")
p99_ratio=$(ratio "${p99[frozen]}" "${p99[healthy]}")
commit=$(git -C "$ROOT_DIR" rev-parse HEAD)
dirty=$(git -C "$ROOT_DIR" status --porcelain -- . ':!bench' | wc -l)
machine=$(machine_string)

write_json "$BENCH_RESULTS/b6-legacy-down.json" \
  new_rps_healthy="${rps[healthy]}" new_rps_frozen="${rps[frozen]}" frozen_vs_healthy_rps_ratio="$rps_ratio" \
  new_p99_ms_healthy="${p99[healthy]}" new_p99_ms_frozen="${p99[frozen]}" frozen_vs_healthy_p99_ratio="$p99_ratio" \
  new_p50_ms_healthy="${p50[healthy]}" new_p50_ms_frozen="${p50[frozen]}" \
  new_max_ms_healthy="${pmax[healthy]}" new_max_ms_frozen="${pmax[frozen]}" \
  new_gatling_ko_healthy="${ko[healthy]}" new_gatling_ko_frozen="${ko[frozen]}" \
  new_wrk_p99_ms_healthy="${wrk99[healthy]}" new_wrk_p99_ms_frozen="${wrk99[frozen]}" \
  new_wrk_non2xx_healthy="${non2xx[healthy]}" new_wrk_non2xx_frozen="${non2xx[frozen]}" \
  legacy_p99_ms_healthy="${lp99[healthy]}" legacy_p99_ms_frozen="${lp99[frozen]}" \
  legacy_gatling_ko_healthy="${lko[healthy]}" legacy_gatling_ko_frozen="${lko[frozen]}" \
  legacy_wrk_rps_healthy="${lrps[healthy]}" legacy_wrk_rps_frozen="${lrps[frozen]}" \
  legacy_wrk_non2xx_healthy="${lnon2xx[healthy]}" legacy_wrk_non2xx_frozen="${lnon2xx[frozen]}" \
  identity_breaker_healthy="${breaker[healthy]}" identity_breaker_frozen="${breaker[frozen]}" \
  recovered_after_thaw_s="${recovered_s:-not within 60 s}" breaker_audit_entries="$audit" \
  gatling_rate_per_s="$rate" gatling_duration_s="$gduration" gatling_warmup_s="$gwarmup" \
  connections="$connections" legacy_connections="$legacy_connections" wrk_duration_s="$duration" wrk_warmup_s="$warmup" \
  products="$products" app_startup_s="$APP_STARTUP_S" \
  app_jar_built="$APP_JAR_BUILT" app_jar_source="$APP_JAR_SOURCE" app_jar_commit="${BENCH_APP_COMMIT:-unknown: app/target built from the working tree}" app_launch_workaround="${APP_WORKAROUND:-none}" \
  other_processes_cpu_pct_loadgen_core="$foreign_lg" other_processes_cpu_pct_server_core="$foreign_srv" \
  uncommitted_changes_outside_bench="$dirty" \
  date="$(date -u +%Y-%m-%dT%H:%M:%SZ)" commit="$commit" command="$COMMAND" machine="$machine" \
  notes="New route GET /products/{id} (catalog NEW) measured with legacy healthy, then with the whole legacy shop SIGSTOPped, in one run; a legacy load (wrk, $legacy_connections connections on /login.php) runs throughout each phase, and Gatling sends /login.php at the same open-model rate after the new route (not at the same time). rps from wrk (closed loop), p99 from Gatling (open model, whole ms). App defaults: read timeout 10 s, breaker 50 % of 20 calls (min 10), open 10 s, bulkhead 0.75 of the pool."

{
  echo "B6 legacy down — $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $commit (uncommitted changes outside bench/: $dirty files)"
  echo "$machine"
  echo
  printf '%-8s %12s %14s %16s %10s %10s %6s | %16s %8s %14s %10s\n' legacy "new req/s" "new wrk p99" "new Gatling p99" "new p50" "new max" KO \
    "/login.php p99" "KO" "/login.php rps" breaker
  for ph in healthy frozen; do
    printf '%-8s %12s %14s %16s %10s %10s %6s | %16s %8s %14s %10s\n' "$ph" "${rps[$ph]}" "${wrk99[$ph]}" "${p99[$ph]}" "${p50[$ph]}" \
      "${pmax[$ph]}" "${ko[$ph]}" "${lp99[$ph]}" "${lko[$ph]}" "${lrps[$ph]}" "${breaker[$ph]}"
  done
  echo
  echo "new route, frozen / healthy: throughput $rps_ratio (goal ~1), p99 $p99_ratio (goal ~1)"
  echo "legacy served /login.php again ${recovered_s:-(not within 60 s)} s after SIGCONT; breaker audit entries on identity: $audit"
  echo "wrk: $connections connections on the new route, ${duration}s after ${warmup}s warm-up; legacy load $legacy_connections connections"
  echo "Gatling: open model, $rate req/s, the new route then /login.php, each ${gduration}s after ${gwarmup}s warm-up"
  echo "CPU used by other processes during the measurements: loadgen core ${foreign_lg}%, server core ${foreign_srv}%"
  echo "app start-up to ready: ${APP_STARTUP_S} s; app jar $APP_JAR_SOURCE built $APP_JAR_BUILT"
  [ -n "${APP_WORKAROUND:-}" ] && echo "WORK-AROUND: $APP_WORKAROUND"
  echo "command: $COMMAND"
} | tee "$BENCH_RESULTS/b6-legacy-down.txt"
say "wrote $BENCH_RESULTS/b6-legacy-down.json and $BENCH_RESULTS/b6-legacy-down.txt in $(elapsed) s"

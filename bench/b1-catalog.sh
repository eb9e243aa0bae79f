#!/usr/bin/env bash
# B1 catalog read (docs/contracts.md, "Benchmarks"): the product page and the product API under load, the new catalog module (the app,
# catalog route NEW) vs the legacy PHP shop as deployed in production (nginx + php-fpm, opcache), same data,
# same machine, measured in one run:
#   new_page     GET /products/{id}           the app (its catalog route flipped to NEW)
#   new_api      GET /api/v1/products/{id}    the app (always the new side)
#   legacy_page  GET /product.php?id={id}     nginx + php-fpm (legacy has no JSON API: the API is compared to
#                                             this page too)
# ids are drawn uniformly at random from the active products (status 1) of the catalogue.
#   1. throughput: wrk (closed loop), --connections for --duration after --warmup, per target
#   2. latency: Gatling, open model at one constant arrival rate for every target (default 80 % of legacy's wrk
#      throughput, so legacy can sustain it) -> p99 comparable across sides
#   3. extra: Gatling for the new page at 80 % of its own wrk throughput (capped by what one Gatling core
#      generates): the new side's p99 when it is itself busy
#   Concurrent shoppers (new_max_shoppers / legacy_max_shoppers) are bench/b1-shoppers.sh: their search takes
#   minutes per side and B1 must stay under 10 minutes.
#
#   bench/b1-catalog.sh [--products 10000|1000000|10000,1000000] [--duration 30] [--warmup 30]
#                       [--connections 256] [--rate N] [--gatling-duration 30] [--no-extra]
#
# Default: 10,000 products (about 6.5 minutes). 1,000,000 is opt-in (--products 1000000, about 7.5 minutes of
# which the backfill of 1M rows into PostgreSQL on one core is a large part; both sizes together exceed 10 min).
# Every request on both sides carries one fixed Cookie header: a PHP session created once on legacy
# (PHPSESSID; legacy would otherwise create a session row per request and the new page reads that session for
# its header) plus the proxy's rf_shopper/rf_visit cookies (a returning browser; otherwise the proxy mints two
# cookies per request). Servers (app, nginx + php-fpm, PostgreSQL, MariaDB) on core 1, wrk and Gatling on core 0.
# The product page cache's hit rate (pages served from a kept rendering / all product pages, from the app's
# retailflow.catalog.product-pages counters) is reported for the new_page wrk run (cache_hit_rate) and the Gatling run.
# Writes bench/results/b1-catalog.json and bench/results/b1-catalog.txt.
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/lib.sh"
COMMAND=$(command_line bench/b1-catalog.sh "$@")

# The product page cache's counters (retailflow.catalog.product-pages): "hits renders" so far.
page_cache_counts() {
  curl -fsS "$1/actuator/prometheus" | python3 -c '
import re, sys
n = {"hit": 0.0, "render": 0.0}
for line in sys.stdin:
    if line.startswith("retailflow_catalog_product_pages_total{"):
        labels = dict(re.findall(r"(\w+)=\"([^\"]*)\"", line))
        n[labels.get("result", "")] = float(line.rsplit(" ", 1)[1])
print("%d %d" % (n["hit"], n["render"]))'
}
hit_rate() { python3 -c "h,r=$1,$2; print('%.4f' % (h/(h+r)) if h+r else 'n/a')"; }

sizes=10000 duration=30 warmup=30 connections=256 rate="" gduration=30 gwarmup=10 extra=1
while [ $# -gt 0 ]; do
  case $1 in
    --products) sizes=$2; shift 2;;
    --duration) duration=$2; shift 2;;
    --warmup) warmup=$2; shift 2;;
    --connections) connections=$2; shift 2;;
    --rate) rate=$2; shift 2;;
    --gatling-duration) gduration=$2; shift 2;;
    --gatling-warmup) gwarmup=$2; shift 2;;
    --no-extra) extra=0; shift;;
    -h|--help) sed -n '2,/^set -e/{/^set -e/!p}' "$0"; exit 0;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2;;
  esac
done
IFS=, read -r -a size_list <<<"$sizes"
for n in "${size_list[@]}"; do [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 100 ] || { echo "bad --products $n" >&2; exit 2; }; done

app_port=${BENCH_B1_APP_PORT:-18180}
legacy_port=${BENCH_B1_LEGACY_PORT:-18182}
pg_port=${BENCH_B1_PG_PORT:-18183}
maria_port=${BENCH_B1_MARIADB_PORT:-18184}

bench_init b1-catalog
say "servers on core $BENCH_SERVER_CPU, load generators on core $BENCH_LOADGEN_CPU; work dir $BENCH_TMP"
ensure_app_jar
start_private_mariadb "$maria_port"
start_private_postgres "$pg_port"

names=(new_page new_api legacy_page)
declare -A R   # results: R[field_suffix] per size
json_fields=()
txt_tables=()

run_size() {
  local N=$1 sfx=$2
  local db="rfb_legacy_$N"
  say "=== $N products ==="
  local t0; t0=$(date +%s.%N)
  LEGACY_DB_HOST=127.0.0.1 LEGACY_DB_PORT="$maria_port" php "$ROOT_DIR/legacy-php/seed.php" --products="$N" --db="$db" \
    >"$BENCH_TMP/seed-$N.log" 2>&1 || { cat "$BENCH_TMP/seed-$N.log" >&2; die "seeding $N products failed"; }
  local seed_s; seed_s=$(python3 -c "import time;print('%.1f' % (time.time()-$t0))")
  local ids="$BENCH_TMP/ids-$N.txt"
  mariadb_q "SELECT id FROM $db.products WHERE status = 1 ORDER BY id" > "$ids"
  local count last; count=$(wc -l < "$ids"); last=$(tail -1 "$ids")
  say "seeded $N products in ${seed_s} s; $count active ids (the request pool), last $last"

  # --- legacy: nginx + php-fpm, production settings from legacy-php/run-fpm.sh, on the server core
  need_free_port "$legacy_port"
  local legacy_pid
  start_bg legacy_pid "$BENCH_TMP/legacy-$N.log" "$BENCH_SERVER_CPU" env LEGACY_DB_HOST=127.0.0.1 \
    LEGACY_DB_PORT="$maria_port" LEGACY_DB_NAME="$db" LEGACY_PRODUCTS="$N" LEGACY_FPM_PORT="$legacy_port" \
    LEGACY_FPM_RUN_DIR="$BENCH_TMP/fpm-$N" ${LEGACY_FPM_CHILDREN:+LEGACY_FPM_CHILDREN=$LEGACY_FPM_CHILDREN} \
    "$ROOT_DIR/legacy-php/run-fpm.sh"
  wait_port 127.0.0.1 "$legacy_port" 60 "legacy shop (nginx + php-fpm)"
  local fpm_children; fpm_children=$(sed -n 's/^pm.max_children = //p' "$BENCH_TMP/fpm-$N/php-fpm.conf")
  local legacy="http://127.0.0.1:$legacy_port"
  local sid
  sid=$(curl -fsS -o /dev/null -D - "$legacy/product.php?id=1" | sed -n 's/^[Ss]et-[Cc]ookie: *PHPSESSID=\([^;]*\).*/\1/p' | head -1)
  [ -n "$sid" ] || die "legacy did not start a PHP session"
  say "legacy (nginx + php-fpm, $fpm_children workers) on :$legacy_port; PHP session $sid"

  # --- the app against a fresh PostgreSQL database, backfilled from this legacy database
  psql_q "DROP DATABASE IF EXISTS rf_bench"; psql_q "CREATE DATABASE rf_bench"
  local app="http://127.0.0.1:$app_port"
  t0=$(date +%s.%N)
  start_app "$app_port" "$BENCH_TMP/app-$N.log" \
    RETAILFLOW_DB_PORT="$pg_port" RETAILFLOW_DB_NAME=rf_bench \
    RETAILFLOW_LEGACY_URL="$legacy" \
    LEGACY_DB_PORT="$maria_port" LEGACY_DB_NAME="$db" \
    LEGACY_DB_USER=root LEGACY_DB_PASSWORD=
  local app_pid=$APP_PID startup_s=$APP_STARTUP_S
  say "waiting for the backfill (GET /api/v1/products/$last answers 200)"
  local i code=000
  for i in $(seq 1 1200); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$app/api/v1/products/$last" || true)
    [ "$code" = 200 ] && break
    kill -0 "$app_pid" 2>/dev/null || die "the app exited (log: $BENCH_TMP/app-$N.log)"
    sleep 0.5
  done
  [ "$code" = 200 ] || die "backfill not done after 600 s (last answer $code; log: $BENCH_TMP/app-$N.log)"
  local backfill_s; backfill_s=$(python3 -c "import time;print('%.1f' % (time.time()-$t0-$startup_s))")
  say "backfilled: $(grep -o 'Backfilled from legacy.*' "$BENCH_TMP/app-$N.log" | tail -1)"

  curl -fsS -o /dev/null -u admin:admin -X PUT "$app/admin/api/routes/catalog" -H 'Content-Type: application/json' \
    -d '{"mode":"NEW","reason":"bench","force":true}' || die "could not flip the catalog route to NEW"
  sleep 1   # route refresh interval is 500 ms

  local rf
  rf=$(curl -fsS -o /dev/null -D - -H "Cookie: PHPSESSID=$sid" "$app/products/1" \
       | sed -n 's/^[Ss]et-[Cc]ookie: *\(rf_[a-z]*=[^;]*\).*/\1/p' | paste -sd ';' | sed 's/;/; /g')
  local cookie="PHPSESSID=$sid${rf:+; $rf}"
  say "cookie sent on every request (both sides): $cookie"

  # --- sanity: the same product on both sides, 200, served by the new side, no new session minted
  local h b
  b=$(curl -fsS -D "$BENCH_TMP/h-new.txt" -H "Cookie: $cookie" "$app/products/1") || die "new /products/1 failed"
  grep -qi '^X-Served-By: *new' "$BENCH_TMP/h-new.txt" || die "/products/1 was not served by the new side"
  grep -q 'Espresso Beans' <<<"$b" || die "new /products/1 does not show product 1"
  curl -fsS -H "Cookie: $cookie" "$app/api/v1/products/1" | grep -q 'Espresso Beans' || die "/api/v1/products/1 does not show product 1"
  b=$(curl -fsS -D "$BENCH_TMP/h-legacy.txt" -H "Cookie: $cookie" "$legacy/product.php?id=1") || die "legacy product page failed"
  grep -q 'Espresso Beans' <<<"$b" || die "legacy /product.php?id=1 does not show product 1"
  grep -qi '^Set-Cookie: *PHPSESSID' "$BENCH_TMP/h-legacy.txt" && die "legacy minted a new session despite the cookie"
  local new_bytes legacy_bytes api_bytes
  new_bytes=$(curl -fsS -H "Cookie: $cookie" "$app/products/2" | wc -c)
  api_bytes=$(curl -fsS -H "Cookie: $cookie" "$app/api/v1/products/2" | wc -c)
  legacy_bytes=$(curl -fsS -H "Cookie: $cookie" "$legacy/product.php?id=2" | wc -c)
  local sessions_before; sessions_before=$(mariadb_q "SELECT COUNT(*) FROM $db.php_sessions")

  declare -A base=([new_page]="$app" [new_api]="$app" [legacy_page]="$legacy")
  declare -A path=([new_page]="/products/{id}" [new_api]="/api/v1/products/{id}" [legacy_page]="/product.php?id={id}")
  declare -A gpath=([new_page]="/products/#{id}" [new_api]="/api/v1/products/#{id}" [legacy_page]="/product.php?id=#{id}")
  declare -A rps wrk50 wrk99 non2xx errs p99 p50 pmax ko
  local c0 c1 tm n
  c0=$(cpu_snapshot); tm=$(date +%s.%N)
  local pc0 pc1 pn0 pl0 pe0 pn1 pl1 pe1 ch0 cr0 ch1 cr1
  for n in "${names[@]}"; do
    say "wrk $n: warm-up ${warmup}s, then ${duration}s with $connections connections"
    run_wrk "$n-$N-warmup" "${base[$n]}" "${path[$n]}" "$ids" "$warmup" "$connections" "$cookie"
    [ "$n" = new_page ] && read -r pn0 pl0 pe0 <<<"$(proxy_counts "$app" catalog)"
    [ "$n" = new_page ] && read -r ch0 cr0 <<<"$(page_cache_counts "$app")"
    run_wrk "$n-$N" "${base[$n]}" "${path[$n]}" "$ids" "$duration" "$connections" "$cookie"
    [ "$n" = new_page ] && read -r pn1 pl1 pe1 <<<"$(proxy_counts "$app" catalog)"
    [ "$n" = new_page ] && read -r ch1 cr1 <<<"$(page_cache_counts "$app")"
    rps[$n]=$WRK_RPS wrk50[$n]=$WRK_P50_MS wrk99[$n]=$WRK_P99_MS non2xx[$n]=$WRK_NON2XX errs[$n]=$WRK_ERRORS
    say "  $n: $WRK_RPS req/s, closed-loop p99 $WRK_P99_MS ms, non-2xx $WRK_NON2XX, socket errors $WRK_ERRORS"
  done
  c1=$(cpu_snapshot)
  local fw_lg fw_srv; read -r fw_lg fw_srv <<<"$(foreign_cpu "$c0" "$c1" "$(python3 -c "import time;print(time.time()-$tm)")")"

  local r=$rate
  [ -n "$r" ] || r=$(python3 -c "print(max(10, int(${rps[legacy_page]} * 0.8)))")
  say "Gatling, open model at $r req/s for each target (${gwarmup}s warm-up + ${gduration}s measured)"
  local targets=""
  for n in "${names[@]}"; do targets+="$n|${base[$n]}|${gpath[$n]};"; done
  c0=$(cpu_snapshot); tm=$(date +%s.%N)
  local gh0 gr0 gh1 gr1; read -r gh0 gr0 <<<"$(page_cache_counts "$app")"
  run_gatling "b1-$N" "$r" "$gduration" "$gwarmup" "$ids" "$cookie" "$targets"
  c1=$(cpu_snapshot)
  read -r gh1 gr1 <<<"$(page_cache_counts "$app")"
  local fg_lg fg_srv; read -r fg_lg fg_srv <<<"$(foreign_cpu "$c0" "$c1" "$(python3 -c "import time;print(time.time()-$tm)")")"
  for n in "${names[@]}"; do
    p99[$n]=$(gatling_field "b1-$N" "$n" p99); p50[$n]=$(gatling_field "b1-$N" "$n" p50)
    pmax[$n]=$(gatling_field "b1-$N" "$n" max); ko[$n]=$(gatling_field "b1-$N" "$n" ko)
    [ -n "${p99[$n]}" ] || die "Gatling reported nothing for $n"
  done

  local xr="" xp99="" xp50="" xko=""
  if [ "$extra" = 1 ]; then
    xr=$(python3 -c "print(max(10, min(6000, int(${rps[new_page]} * 0.8))))")
    say "extra: Gatling, new page alone at $xr req/s (80 % of its wrk throughput, capped at 6000/s)"
    run_gatling "b1-$N-newhigh" "$xr" "$gduration" "$gwarmup" "$ids" "$cookie" "new_page_high|$app|/products/#{id}"
    xp99=$(gatling_field "b1-$N-newhigh" new_page_high p99); xp50=$(gatling_field "b1-$N-newhigh" new_page_high p50)
    xko=$(gatling_field "b1-$N-newhigh" new_page_high ko)
  fi
  local sessions_after; sessions_after=$(mariadb_q "SELECT COUNT(*) FROM $db.php_sessions")
  local route_after
  route_after=$(curl -fsS -u admin:admin "$app/admin/api/routes" | python3 -c 'import json,sys; r=json.load(sys.stdin); r=r if isinstance(r,list) else r.get("routes",r); print([x for x in r if x["id"]=="catalog"][0]["mode"])' || echo unknown)

  stop_group "$app_pid"; stop_group "$legacy_pid"
  # The session bridge renders an anonymous header when the legacy DB is down or saturated (logged as a warning):
  # such pages are cheaper than real ones and show a signed-in shopper as signed out. Count them (whole app run).
  local anon; anon=$(grep -c 'Legacy session unavailable' "$BENCH_TMP/app-$N.log" || true)

  local ratio_rps ratio_api ratio_p99
  ratio_rps=$(python3 -c "print('%.2f' % (${rps[new_page]} / ${rps[legacy_page]}))")
  ratio_api=$(python3 -c "print('%.2f' % (${rps[new_api]} / ${rps[legacy_page]}))")
  ratio_p99=$(python3 -c "a,b=${p99[new_page]},${p99[legacy_page]}; print('%.2f' % (a/b) if b else 'n/a')")
  json_fields+=(
    "new_rps$sfx=${rps[new_page]}" "legacy_rps$sfx=${rps[legacy_page]}"
    "new_p99_ms$sfx=${p99[new_page]}" "legacy_p99_ms$sfx=${p99[legacy_page]}"
    "products$sfx=$N" "connections$sfx=$connections"
    "new_api_rps$sfx=${rps[new_api]}" "new_api_p99_ms$sfx=${p99[new_api]}"
    "new_vs_legacy_rps_ratio$sfx=$ratio_rps" "new_api_vs_legacy_page_rps_ratio$sfx=$ratio_api"
    "new_vs_legacy_p99_ratio$sfx=$ratio_p99"
    "gatling_rate_per_s$sfx=$r"
    "new_p50_ms$sfx=${p50[new_page]}" "new_api_p50_ms$sfx=${p50[new_api]}" "legacy_p50_ms$sfx=${p50[legacy_page]}"
    "new_max_ms$sfx=${pmax[new_page]}" "new_api_max_ms$sfx=${pmax[new_api]}" "legacy_max_ms$sfx=${pmax[legacy_page]}"
    "new_gatling_ko$sfx=${ko[new_page]}" "new_api_gatling_ko$sfx=${ko[new_api]}" "legacy_gatling_ko$sfx=${ko[legacy_page]}"
    "new_wrk_p99_ms$sfx=${wrk99[new_page]}" "new_api_wrk_p99_ms$sfx=${wrk99[new_api]}" "legacy_wrk_p99_ms$sfx=${wrk99[legacy_page]}"
    "new_wrk_non2xx$sfx=${non2xx[new_page]}" "new_api_wrk_non2xx$sfx=${non2xx[new_api]}" "legacy_wrk_non2xx$sfx=${non2xx[legacy_page]}"
    "new_page_cache_hits_wrk$sfx=$(( ch1 - ch0 ))" "new_page_cache_renders_wrk$sfx=$(( cr1 - cr0 ))"
    "cache_hit_rate$sfx=$(hit_rate $(( ch1 - ch0 )) $(( cr1 - cr0 )))"
    "cache_hit_rate_gatling$sfx=$(hit_rate $(( gh1 - gh0 )) $(( gr1 - gr0 )))"
    "new_page_answered_by_new_side$sfx=$(( pn1 - pn0 ))" "new_page_answered_by_legacy_side$sfx=$(( pl1 - pl0 ))"
    "new_page_server_errors_in_proxy_metric$sfx=$(( pe1 - pe0 ))" "anonymous_header_fallbacks_whole_app_run$sfx=${anon:-0}" "catalog_route_mode_after_run$sfx=$route_after"
    "new_wrk_socket_errors$sfx=${errs[new_page]}" "new_api_wrk_socket_errors$sfx=${errs[new_api]}" "legacy_wrk_socket_errors$sfx=${errs[legacy_page]}"
    "new_page_bytes$sfx=$new_bytes" "new_api_bytes$sfx=$api_bytes" "legacy_page_bytes$sfx=$legacy_bytes"
    "legacy_fpm_workers$sfx=$fpm_children" "active_ids$sfx=$count"
    "seed_s$sfx=$seed_s" "app_startup_s$sfx=$startup_s" "backfill_wait_s$sfx=$backfill_s"
    "php_sessions_created_during_run$sfx=$(( sessions_after - sessions_before ))"
    "other_processes_cpu_pct_loadgen_core_wrk$sfx=$fw_lg" "other_processes_cpu_pct_server_core_wrk$sfx=$fw_srv"
    "other_processes_cpu_pct_loadgen_core_gatling$sfx=$fg_lg" "other_processes_cpu_pct_server_core_gatling$sfx=$fg_srv"
  )
  [ "$extra" = 1 ] && json_fields+=("new_high_rate_per_s$sfx=$xr" "new_p99_ms_at_high_rate$sfx=$xp99"
    "new_p50_ms_at_high_rate$sfx=$xp50" "new_gatling_ko_at_high_rate$sfx=$xko")

  local t
  t=$(
    echo "--- $N products ($count active ids drawn at random), $connections connections ---"
    printf '%-12s %10s %12s %15s %8s %8s %6s %10s\n' target "wrk req/s" "wrk p99 ms" "Gatling p99 ms" "p50 ms" "max ms" KO "body bytes"
    declare -A bytes=([new_page]=$new_bytes [new_api]=$api_bytes [legacy_page]=$legacy_bytes)
    for n in "${names[@]}"; do
      printf '%-12s %10s %12s %15s %8s %8s %6s %10s\n' "$n" "${rps[$n]}" "${wrk99[$n]}" "${p99[$n]}" "${p50[$n]}" "${pmax[$n]}" "${ko[$n]}" "${bytes[$n]}"
    done
    echo "new page / legacy page throughput: ${ratio_rps}x (goal >= 10x); new API / legacy page: ${ratio_api}x (legacy has no API)"
    echo "p99 at $r req/s (80 % of legacy's wrk throughput), open model: new ${p99[new_page]} ms vs legacy ${p99[legacy_page]} ms (ratio $ratio_p99, goal < 1)"
    [ "$extra" = 1 ] && echo "new page alone at $xr req/s (80 % of its own throughput): p99 $xp99 ms, p50 $xp50 ms, KO $xko"
    echo "non-2xx in wrk: new ${non2xx[new_page]}, api ${non2xx[new_api]}, legacy ${non2xx[legacy_page]}; PHP sessions created during the run: $(( sessions_after - sessions_before ))"
    echo "new_page wrk run per the proxy's metric (retailflow.proxy.requests): $(( pn1 - pn0 )) answered by the new side, $(( pl1 - pl0 )) by legacy, $(( pe1 - pe0 )) SERVER_ERROR (an exception escaping the new side is recorded there with the status at that moment, not as the 500 the client gets: compare wrk's non-2xx); catalog route after the run: $route_after"
    echo "product page cache (retailflow.catalog.product-pages), new_page wrk run: $(( ch1 - ch0 )) served from a kept page, $(( cr1 - cr0 )) rendered, hit rate $(hit_rate $(( ch1 - ch0 )) $(( cr1 - cr0 ))); during Gatling: $(hit_rate $(( gh1 - gh0 )) $(( gr1 - gr0 )))"
    echo "pages rendered with an anonymous header because the legacy session DB was saturated (whole app run, warm-ups and Gatling included): ${anon:-0}"
    echo "seed ${seed_s} s, app start-up ${startup_s} s (1 core), backfill wait ${backfill_s} s; legacy php-fpm workers: $fpm_children"
    echo "CPU used by other processes during wrk: loadgen core ${fw_lg}%, server core ${fw_srv}%; during Gatling: ${fg_lg}%, ${fg_srv}%"
  )
  txt_tables+=("$t")
}

first=1
for N in "${size_list[@]}"; do
  if [ "$first" = 1 ]; then run_size "$N" ""; first=0; else run_size "$N" "_$N"; fi
done

commit=$(git -C "$ROOT_DIR" rev-parse HEAD)
dirty=$(git -C "$ROOT_DIR" status --porcelain -- . ':!bench' | wc -l)
machine=$(machine_string)
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
write_json "$BENCH_RESULTS/b1-catalog.json" "${json_fields[@]}" \
  wrk_duration_s="$duration" wrk_warmup_s="$warmup" gatling_duration_s="$gduration" \
  app_jar_built="$APP_JAR_BUILT" app_jar_source="$APP_JAR_SOURCE" app_jar_commit="${BENCH_APP_COMMIT:-unknown: app/target built from the working tree}" uncommitted_changes_outside_bench="$dirty" app_launch_workaround="${APP_WORKAROUND:-none}" \
  date="$now" commit="$commit" command="$COMMAND" machine="$machine" \
  notes="new_* = the app with the catalog route NEW: new_rps/new_p99_ms are the product page GET /products/{id}, new_api_* is GET /api/v1/products/{id}; legacy_* = GET /product.php?id={id} on nginx + php-fpm (opcache, pm=static; legacy has no JSON API, so the API is compared to the legacy product page). rps: wrk, closed loop, $connections connections, ${duration}s after ${warmup}s warm-up, ids uniformly random over the active products. p99: Gatling, open model (constant arrival rate, shared keep-alive pool, whole-ms resolution) at gatling_rate_per_s = 80% of legacy's wrk throughput for all targets; new_p99_ms_at_high_rate = new page alone at 80% of its own throughput. Every request on both sides sends one fixed Cookie: a PHP session created once on legacy (PHPSESSID) plus the proxy's rf_shopper/rf_visit cookies. Private PostgreSQL 15 (shared_buffers 1GB) and MariaDB (buffer pool 1GB) started for the run. App: $APP_JAVA_OPTS, virtual threads. Fields without a suffix are for the first --products size; further sizes carry _<products>. other_processes_cpu_pct_* = CPU used on each core by processes outside this run during the measurements."

{
  echo "B1 catalog read — $now, commit $commit (uncommitted changes outside bench/: $dirty; app jar $APP_JAR_SOURCE built $APP_JAR_BUILT from ${BENCH_APP_COMMIT:-the working tree})"
  echo "$machine"
  echo
  for t in "${txt_tables[@]}"; do echo "$t"; echo; done
  echo "wrk: closed loop, $connections connections, ${duration}s after ${warmup}s warm-up (its p99 hides queueing: coordinated omission)"
  echo "Gatling: open model, constant arrival rate, ${gduration}s after ${gwarmup}s warm-up, whole-millisecond resolution"
  [ -n "${APP_WORKAROUND:-}" ] && echo "WORK-AROUND: $APP_WORKAROUND"
  echo "Both sides: one fixed Cookie (PHPSESSID created once + rf_shopper/rf_visit), so no session or cookie is minted per request"
  echo "command: $COMMAND"
} | tee "$BENCH_RESULTS/b1-catalog.txt"
say "wrote $BENCH_RESULTS/b1-catalog.json and $BENCH_RESULTS/b1-catalog.txt in $(elapsed) s"

#!/usr/bin/env bash
# B1 concurrent shoppers (docs/contracts.md, "Benchmarks"; issue 16 part 4): how many shoppers browsing at once each
# side serves with p99 < 500 ms and no errors, on one server core, measured in one run:
#   new     the app with the catalog route NEW: GET /, /categories/{slug}, /search?q=, /products/{id} through the proxy
#   legacy  the PHP shop as B1's legacy_page measures it: nginx + php-fpm direct, GET /, /category.php?id=,
#           /search.php?q=, /product.php?id=
# Open model (Gatling, retailflow.bench.Shoppers + ShopperLadder): shoppers arrive at a rate whatever the latency,
# each a browser of its own (own connections, own cookies: a real PHP session and the proxy's visit cookies per
# shopper, redirects followed), browsing home, a category page, a search and three product pages with --think s
# (uniformly 0.5x-1.5x) after each page. The rate is searched in one Gatling run per side: --warmup s unjudged, probe
# levels of --probe s doubling from --start until one fails, then full levels (--fill s for the population to reach
# its steady size, --measure s judged): the failing probe's rate again (a probe can fail for a passing reason; if it
# passes, the probes go on from there), --bisect geometric midpoints between the passing and the failing rate, and, if no full
# level passed, the passing probe's rate (halved while it fails). After a failed level no shoppers arrive until the
# home page answers fast again. A level passes when the pages started in its judged seconds had p99 < --limit
# ms, all 200, none unfinished. new_max_shoppers / legacy_max_shoppers = shoppers counted in a visit during the
# highest passing full level (counted by the load generator, not derived).
#
#   bench/b1-shoppers.sh [--products 10000] [--think 5] [--start 10] [--start-new R] [--start-legacy R]
#                        [--warmup 30] [--probe 10] [--fill 6x think] [--measure 10] [--bisect 2] [--limit 500]
#                        [--cap-new (open files - 1000) / (6 x think + 1)] [--cap-legacy 250]
#
# --cap-*: the most shoppers per second the injector offers (the ladder admits its level's share of them): a side
# still passing at its cap is reported as capped (a lower bound). The new side's default keeps its shoppers (one
# file descriptor each, in Gatling and in the app) under the open-files limit (ulimit -n: 20,000 here, so about
# 600/s, ~19,000 shoppers). Default size: about 8-10 minutes (estimate; not run at full size on a quiet machine).
# A separate script from b1-catalog.sh because the search needs minutes per side and B1 must stay under 10 min.
# Servers (app, nginx + php-fpm, PostgreSQL, MariaDB) on core 1, Gatling on core 0; every level reports the CPU the
# load generator used (near 100 % = the generator, not the server, may be the limit) and how busy the server core was.
# Writes bench/results/b1-shoppers.json and bench/results/b1-shoppers.txt.
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/lib.sh"
COMMAND=$(command_line bench/b1-shoppers.sh "$@")

N=10000 think=5 start="" start_new="" start_legacy="" warmup=30 probe=10 fill="" measure=10 bisect=2 limit=500
cap_new="" cap_legacy=250
while [ $# -gt 0 ]; do
  case $1 in
    --products) N=$2; shift 2;;
    --think) think=$2; shift 2;;
    --start) start=$2; shift 2;;
    --start-new) start_new=$2; shift 2;;
    --start-legacy) start_legacy=$2; shift 2;;
    --warmup) warmup=$2; shift 2;;
    --probe) probe=$2; shift 2;;
    --fill) fill=$2; shift 2;;
    --measure) measure=$2; shift 2;;
    --bisect) bisect=$2; shift 2;;
    --limit) limit=$2; shift 2;;
    --cap-new) cap_new=$2; shift 2;;
    --cap-legacy) cap_legacy=$2; shift 2;;
    -h|--help) sed -n '2,/^set -e/{/^set -e/!p}' "$0"; exit 0;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2;;
  esac
done
[[ "$N" =~ ^[0-9]+$ ]] && [ "$N" -ge 100 ] || { echo "bad --products $N" >&2; exit 2; }
for v in "$think" "$warmup" "$probe" "$measure" "$bisect" "$limit" ${cap_new:+"$cap_new"} "$cap_legacy" ${start:+"$start"} \
         ${start_new:+"$start_new"} ${start_legacy:+"$start_legacy"} ${fill:+"$fill"}; do
  [[ "$v" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "bad number $v (see --help)" >&2; exit 2; }
done
start_new=${start_new:-${start:-10}} start_legacy=${start_legacy:-${start:-10}}
# one visit = 6 pages, each followed by a think time of $think s on average: the population's fill time
fill=${fill:-$(python3 -c "import math; print(math.ceil(6 * $think))")}

app_port=${BENCH_B1S_APP_PORT:-18190}
legacy_port=${BENCH_B1S_LEGACY_PORT:-18192}
pg_port=${BENCH_B1S_PG_PORT:-18193}
maria_port=${BENCH_B1S_MARIADB_PORT:-18194}
# Each shopper holds its own keep-alive connection for the visit, as a browser does: thousands at once. Tomcat's
# default of 8192 connections would refuse shoppers before the core is busy; legacy's nginx has 4096 per worker.
# Both the app and the Gatling JVM need a file descriptor per shopper, and the open-files limit cannot be raised
# here without privileges: shoppers at once stop near it, whatever the server could do. The new side's cap keeps
# the shoppers of its top rate (rate x one visit) under it; a side passing at its cap is reported as capped.
nofile=$(ulimit -n)
app_max_connections=${BENCH_B1S_APP_MAX_CONNECTIONS:-$(( nofile > 31000 ? 30000 : nofile - 1000 ))}
cap_new=${cap_new:-$(python3 -c "print(max(1, int(($nofile - 1000) / (6 * $think + 1))))")}

bench_init b1-shoppers
say "servers on core $BENCH_SERVER_CPU, load generator on core $BENCH_LOADGEN_CPU; work dir $BENCH_TMP"
ensure_app_jar
start_private_mariadb "$maria_port"
start_private_postgres "$pg_port"

db="rfb_legacy_$N"
say "seeding $N products"
LEGACY_DB_HOST=127.0.0.1 LEGACY_DB_PORT="$maria_port" php "$ROOT_DIR/legacy-php/seed.php" --products="$N" --db="$db" \
  >"$BENCH_TMP/seed.log" 2>&1 || { cat "$BENCH_TMP/seed.log" >&2; die "seeding $N products failed"; }
ids="$BENCH_TMP/ids.txt" cats="$BENCH_TMP/categories.txt" terms="$BENCH_TMP/terms.txt"
mariadb_q "SELECT id FROM $db.products WHERE status = 1 ORDER BY id" > "$ids"
mariadb_q "SELECT id, slug FROM $db.categories ORDER BY id" > "$cats"
# search words shoppers type: first words of active product names
mariadb_q "SELECT DISTINCT SUBSTRING_INDEX(name, ' ', 1) AS w FROM $db.products WHERE status = 1 HAVING w REGEXP '^[A-Za-z]{3,}\$' LIMIT 100" > "$terms"
last=$(tail -1 "$ids")
say "$(wc -l < "$ids") active products, $(wc -l < "$cats") categories, $(wc -l < "$terms") search words"

# --- legacy: nginx + php-fpm with legacy-php/run-fpm.sh's production settings, as in b1-catalog.sh
need_free_port "$legacy_port"
start_bg legacy_pid "$BENCH_TMP/legacy.log" "$BENCH_SERVER_CPU" env LEGACY_DB_HOST=127.0.0.1 \
  LEGACY_DB_PORT="$maria_port" LEGACY_DB_NAME="$db" LEGACY_PRODUCTS="$N" LEGACY_FPM_PORT="$legacy_port" \
  LEGACY_FPM_RUN_DIR="$BENCH_TMP/fpm" ${LEGACY_FPM_CHILDREN:+LEGACY_FPM_CHILDREN=$LEGACY_FPM_CHILDREN} \
  "$ROOT_DIR/legacy-php/run-fpm.sh"
wait_port 127.0.0.1 "$legacy_port" 60 "legacy shop (nginx + php-fpm)"
fpm_children=$(sed -n 's/^pm.max_children = //p' "$BENCH_TMP/fpm/php-fpm.conf")
legacy="http://127.0.0.1:$legacy_port"

# --- the app against a fresh PostgreSQL database, backfilled from this legacy database
psql_q "DROP DATABASE IF EXISTS rf_bench"; psql_q "CREATE DATABASE rf_bench"
app="http://127.0.0.1:$app_port"
start_app "$app_port" "$BENCH_TMP/app.log" \
  RETAILFLOW_DB_PORT="$pg_port" RETAILFLOW_DB_NAME=rf_bench RETAILFLOW_LEGACY_URL="$legacy" \
  LEGACY_DB_PORT="$maria_port" LEGACY_DB_NAME="$db" LEGACY_DB_USER=root LEGACY_DB_PASSWORD= \
  SERVER_TOMCAT_MAX_CONNECTIONS="$app_max_connections"
app_pid=$APP_PID
say "waiting for the backfill (GET /api/v1/products/$last answers 200)"
code=000
for _ in $(seq 1 1200); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$app/api/v1/products/$last" || true)
  [ "$code" = 200 ] && break
  kill -0 "$app_pid" 2>/dev/null || die "the app exited (log: $BENCH_TMP/app.log)"
  sleep 0.5
done
[ "$code" = 200 ] || die "backfill not done after 600 s (last answer $code; log: $BENCH_TMP/app.log)"
curl -fsS -o /dev/null -u admin:admin -X PUT "$app/admin/api/routes/catalog" -H 'Content-Type: application/json' \
  -d '{"mode":"NEW","reason":"bench","force":true}' || die "could not flip the catalog route to NEW"
sleep 1   # route refresh interval is 500 ms

# --- sanity: every page of the visit answers 200 on both sides (after redirects, as a browser follows them), the
# new side's from the new module
slug=$(head -1 "$cats" | cut -f2) cat_id=$(head -1 "$cats" | cut -f1) term=$(head -1 "$terms")
for p in / "/categories/$slug" "/search?q=$term" /products/1; do
  served=$(curl -fsSL -o /dev/null -D - "$app$p" | sed -n 's/^[Xx]-[Ss]erved-[Bb]y: *\([a-z]*\).*/\1/p' | tail -1) \
    || die "new side: GET $p failed"
  [ "$served" = new ] || die "new side: GET $p was served by '${served:-nobody}', not the new module"
done
for p in / "/category.php?id=$cat_id" "/search.php?q=$term" "/product.php?id=1"; do
  curl -fsSL -o /dev/null "$legacy$p" || die "legacy: GET $p failed"
done
sessions_before=$(mariadb_q "SELECT COUNT(*) FROM $db.php_sessions")

# ladder SIDE BASE START CAP: one Gatling run; sets MAX_SHOPPERS MAX_RATE FAIL_RATE BOUND LADDER_TSV LG_MAX FOREIGN_LG FOREIGN_SRV
ladder() {
  local side=$1 base=$2 from=$3 cap=$4
  local out="$BENCH_TMP/ladder-$side.tsv" log="$BENCH_TMP/gatling-$side.log"
  rm -f "$out"
  local offline=-o
  [ -d "$HOME/.m2/repository/io/gatling/gatling-maven-plugin" ] || offline=""
  say "shoppers, $side: from $from arriving/s (cap $cap), think ${think}s, probes ${probe}s, full levels ${fill}+${measure}s"
  local c0 c1 tm; c0=$(cpu_snapshot); tm=$(date +%s.%N)
  # Gatling's request timeout at 2 s: a page that slow already fails the level; the default 60 s would keep an
  # overloaded level's requests in flight into the next one
  (cd "$ROOT_DIR" && JAVA_HOME="$GATLING_JAVA_HOME" taskset -c "$BENCH_LOADGEN_CPU" ./mvnw -B -q $offline \
      -f bench/gatling/pom.xml gatling:test -Dgatling.simulationClass=retailflow.bench.Shoppers \
      -Dgatling.noReports=true -Dgatling.http.requestTimeout=2000 -Dgatling.results="$BENCH_TMP/gatling-$side" \
      -Dbase="$base" -Dside="$side" -Dids="$ids" -Dcategories="$cats" -Dterms="$terms" -Dthink="$think" \
      -Dstart="$from" -Dcap="$cap" -Dwarmup="$warmup" -Dprobe="$probe" -Dfill="$fill" -Dmeasure="$measure" \
      -Dbisect="$bisect" -Dlimit="$limit" -DserverCpu="$BENCH_SERVER_CPU" -Dout="$out" \
      ${BENCH_CG:+-Dcpuacct=/sys/fs/cgroup/cpuacct/$BENCH_CG/cpuacct.usage_percpu}) >"$log" 2>&1 \
    || { tail -40 "$log" >&2; die "Gatling ($side shoppers) failed"; }
  c1=$(cpu_snapshot)
  read -r FOREIGN_LG FOREIGN_SRV <<<"$(foreign_cpu "$c0" "$c1" "$(python3 -c "import time;print(time.time()-$tm)")")"
  grep -q '^error' "$out" && die "the ladder failed: $(grep '^error' "$out")"
  local max; max=$(grep '^max' "$out") || die "the ladder wrote no answer (log: $log)"
  IFS=$'\t' read -r _ _ MAX_RATE MAX_SHOPPERS FAIL_RATE BOUND <<<"$max"
  LG_MAX=$(awk -F'\t' 'NR > 1 && $1 != "max" && $12 + 0 > m { m = $12 + 0 } END { print m + 0 }' "$out")
  LADDER_TSV=$out
  say "  $side: $MAX_SHOPPERS shoppers at $MAX_RATE arriving/s (next failing rate: $FAIL_RATE; $BOUND); load generator at most ${LG_MAX}% CPU"
}

ladder new "$app" "$start_new" "$cap_new"
new_max=$MAX_SHOPPERS new_rate=$MAX_RATE new_fail=$FAIL_RATE new_bound=$BOUND new_tsv=$LADDER_TSV new_lg=$LG_MAX
new_flg=$FOREIGN_LG new_fsrv=$FOREIGN_SRV
ladder legacy "$legacy" "$start_legacy" "$cap_legacy"
legacy_max=$MAX_SHOPPERS legacy_rate=$MAX_RATE legacy_fail=$FAIL_RATE legacy_bound=$BOUND legacy_tsv=$LADDER_TSV legacy_lg=$LG_MAX
legacy_flg=$FOREIGN_LG legacy_fsrv=$FOREIGN_SRV
sessions_after=$(mariadb_q "SELECT COUNT(*) FROM $db.php_sessions")
read -r pn pl pe <<<"$(proxy_counts "$app" catalog)"
route_after=$(curl -fsS -u admin:admin "$app/admin/api/routes" | python3 -c 'import json,sys; r=json.load(sys.stdin); r=r if isinstance(r,list) else r.get("routes",r); print([x for x in r if x["id"]=="catalog"][0]["mode"])' || echo unknown)
stop_group "$app_pid"; stop_group "$legacy_pid"

ratio=$(python3 -c "a,b=$new_max,$legacy_max; print('%.2f' % (a/b) if b else 'n/a')")
compact() { awk -F'\t' 'NR > 1 && $2 == "rest" { printf "%s rest after a failed level: %s s, %s; ", $1, $15, $16; next }
  NR > 1 && $1 != "max" { printf "%s %s %s/s: %s shoppers, %s req/s, p99 %s ms, failed %s, unfinished %s, loadgen %s%%, server core busy %s%% (our servers %s%%), %s (p99 by page: %s); ", $1, $2, $3, $4, $6, $8, $10, $11, $12, $13, $14, $16, $17 }' "$1"; }
commit=$(git -C "$ROOT_DIR" rev-parse HEAD)
dirty=$(git -C "$ROOT_DIR" status --porcelain -- . ':!bench' | wc -l)
machine=$(machine_string)
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
write_json "$BENCH_RESULTS/b1-shoppers.json" \
  new_max_shoppers="$new_max" legacy_max_shoppers="$legacy_max" new_vs_legacy_shoppers_ratio="$ratio" \
  new_max_shoppers_arrival_per_s="$new_rate" legacy_max_shoppers_arrival_per_s="$legacy_rate" \
  new_shoppers_failing_arrival_per_s="$new_fail" legacy_shoppers_failing_arrival_per_s="$legacy_fail" \
  new_shoppers_search="$new_bound" legacy_shoppers_search="$legacy_bound" \
  new_shoppers_loadgen_cpu_pct_max="$new_lg" legacy_shoppers_loadgen_cpu_pct_max="$legacy_lg" \
  products="$N" shoppers_think_s="$think" shoppers_p99_limit_ms="$limit" shoppers_warmup_s="$warmup" \
  shoppers_probe_s="$probe" shoppers_fill_s="$fill" shoppers_measure_s="$measure" shoppers_bisect_steps="$bisect" \
  shoppers_cap_new_per_s="$cap_new" shoppers_cap_legacy_per_s="$cap_legacy" app_max_connections="$app_max_connections" \
  open_files_limit="$nofile" \
  legacy_fpm_workers="$fpm_children" php_sessions_created_during_run=$(( sessions_after - sessions_before )) \
  new_side_catalog_answered_by_new="$pn" new_side_catalog_answered_by_legacy="$pl" new_side_catalog_server_errors="$pe" \
  catalog_route_mode_after_run="$route_after" \
  other_processes_cpu_pct_loadgen_core_new="$new_flg" other_processes_cpu_pct_server_core_new="$new_fsrv" \
  other_processes_cpu_pct_loadgen_core_legacy="$legacy_flg" other_processes_cpu_pct_server_core_legacy="$legacy_fsrv" \
  new_shoppers_ladder="$(compact "$new_tsv")" legacy_shoppers_ladder="$(compact "$legacy_tsv")" \
  app_jar_built="$APP_JAR_BUILT" app_jar_source="$APP_JAR_SOURCE" app_jar_commit="${BENCH_APP_COMMIT:-unknown: app/target built from the working tree}" \
  uncommitted_changes_outside_bench="$dirty" app_launch_workaround="${APP_WORKAROUND:-none}" \
  date="$now" commit="$commit" command="$COMMAND" machine="$machine" \
  notes="Concurrent shoppers served on one server core with p99 < ${limit} ms and every page 200: new = the app, catalog route NEW, pages /, /categories/{slug}, /search?q=, /products/{id} through the proxy; legacy = nginx + php-fpm direct (as B1's legacy_page), /, /category.php?id=, /search.php?q=, /product.php?id=. Open model (Gatling): shoppers arrive at a rate, each with own connections and cookies (a PHP session and proxy visit cookies per shopper), 6 pages (home, category, search, 3 products) with ${think} s (0.5x-1.5x) think time after each, redirects followed. Per side one Gatling run: ${warmup} s warm-up, probe levels of ${probe} s doubling from the start rate until one fails (judged on their last 5 s), then full levels of ${fill} s fill + ${measure} s judged: the failing probe's rate again (if it passes, the probes go on from there), ${bisect} geometric midpoints between the passing and failing rates, and if none passed the passing probe's rate (halved while failing); after a failed level no shoppers arrive until the home page answers within 100 ms three times. *_max_shoppers = shoppers in a visit (counted, mean over the judged seconds) during the highest passing full level; *_failing_arrival_per_s = the lowest rate that failed; *_search = capped when the side still passed at its cap (a lower bound). Page time = request start to final answer (redirects included) on the load generator. *_loadgen_cpu_pct_max = the Gatling JVM's CPU on core $BENCH_LOADGEN_CPU in its busiest level (near 100 = the generator may be the limit). Tomcat max-connections $app_max_connections (each shopper holds its connection for the visit); open-files limit $nofile per process, which bounds the shoppers at once one Gatling JVM and the app can hold (a side passing at its cap is reported capped). Private PostgreSQL and MariaDB on the server core. App: $APP_JAVA_OPTS."

{
  echo "B1 concurrent shoppers — $now, commit $commit (uncommitted changes outside bench/: $dirty; app jar $APP_JAR_SOURCE built $APP_JAR_BUILT from ${BENCH_APP_COMMIT:-the working tree})"
  echo "$machine"
  echo
  echo "--- $N products; think ${think}s; p99 limit ${limit} ms; levels: probes ${probe}s, full ${fill}+${measure}s ---"
  column -t -s $'\t' "$new_tsv" 2>/dev/null || cat "$new_tsv"
  echo
  tail -n +2 "$legacy_tsv" | column -t -s $'\t' 2>/dev/null || tail -n +2 "$legacy_tsv"
  echo
  echo "concurrent shoppers with p99 < ${limit} ms and no errors: new $new_max (at $new_rate arriving/s; fails at $new_fail; $new_bound), legacy $legacy_max (at $legacy_rate/s; fails at $legacy_fail; $legacy_bound): ${ratio}x (goal >= 10x)"
  echo "load generator CPU in its busiest level: new side ${new_lg}%, legacy side ${legacy_lg}%"
  echo "CPU used by other processes: during new loadgen core ${new_flg}%, server core ${new_fsrv}%; during legacy ${legacy_flg}%, ${legacy_fsrv}%"
  echo "PHP sessions created during the run: $(( sessions_after - sessions_before )); catalog answered by new $pn, by legacy $pl, server errors $pe; route after the run: $route_after"
  [ -n "${APP_WORKAROUND:-}" ] && echo "WORK-AROUND: $APP_WORKAROUND"
  echo "command: $COMMAND"
} | tee "$BENCH_RESULTS/b1-shoppers.txt"
say "wrote $BENCH_RESULTS/b1-shoppers.json and $BENCH_RESULTS/b1-shoppers.txt in $(elapsed) s"

#!/usr/bin/env bash
# B5 start-up and footprint: how fast one app instance becomes ready on one core, and how much memory it holds idle
# and under the B1 product page load, for each start-up setting ("variant") side by side in one run:
#   startup_s     process start -> GET /actuator/health/readiness answers 200 (polled every 0.1 s), app on one core
#   startup_cpu_s the app process's CPU time (user + system, /proc/<pid>/stat) when readiness first answers 200: on a
#                 busy machine wall time mostly measures the other processes, CPU time stays comparable
#   rss_mb_idle   VmRSS of the app process 10 s after readiness and after the backfill finished
#   rss_mb_load   the highest VmRSS sampled every second while wrk loads GET /products/{id} (the catalog route NEW,
#                 ids uniformly random over the active products, one fixed PHP session cookie, as in B1)
# Variants (--variants, comma-separated; the first is the headline unless --headline names another) are "plain" or
# levers joined by "+", each measured alone and together:
#   plain     java -jar on the fat jar, no options (the JVM's defaults: what ./run.sh did before ADR 0052)
#   extracted the jar extracted (java -Djarmode=tools ... extract, as the container image runs it), no other option
#   aot       extracted + -XX:AOTCache, trained once per run by a start-up (-XX:AOTCacheOutput,
#             -Dspring.context.exit=onRefresh)
#   small     -XX:+UseSerialGC -XX:MaxRAM=1g -Xss512k (a heap of at most 256 MB, serial collector, smaller stacks)
#   c1        -XX:TieredStopAtLevel=1 (client compiler only: cheaper warm-up, lower peak throughput)
#   lazy      -Dspring.main.lazy-initialization=true (every bean lazy)
#   springaot -Dspring.aot.enabled=true: the bean definitions Spring AOT generated at build time (process-aot)
#             instead of configuration-class parsing and condition evaluation at start-up; not in the default
#             list: the app does not start with it yet (docs/adr/0063-start-up-without-class-analysis.md)
#   runsh     what ./run.sh uses: RUN_SH_LEVERS below
# Every variant starts against the same PostgreSQL database, migrated and backfilled by a first, unmeasured start,
# so each measured start does what a restart in production does.
#
#   bench/b5-footprint.sh [--products 10000] [--load-duration 20] [--connections 64] [--repeat 1]
#                         [--variants runsh,plain,extracted,aot,aot+small,aot+c1,aot+lazy]
#                         [--headline runsh]
#
# Default: 10,000 products, every variant once (about 8 minutes on the shared 2-core machine). Servers (app,
# PostgreSQL, MariaDB, nginx + php-fpm) on core 1, wrk on core 0. Writes bench/results/b5-footprint.json and .txt.
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/lib.sh"
COMMAND=$(command_line bench/b5-footprint.sh "$@")

products=10000 load_duration=20 connections=64 repeat=1 variants="runsh,plain,extracted,aot,aot+small,aot+c1,aot+lazy" headline=""
while [ $# -gt 0 ]; do
  case $1 in
    --products) products=$2; shift 2;;
    --load-duration) load_duration=$2; shift 2;;
    --connections) connections=$2; shift 2;;
    --repeat) repeat=$2; shift 2;;
    --variants) variants=$2; shift 2;;
    --headline) headline=$2; shift 2;;
    -h|--help) sed -n '2,30p' "$0"; exit 0;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2;;
  esac
done
[[ "$products" =~ ^[0-9]+$ ]] && [ "$products" -ge 100 ] || { echo "bad --products $products" >&2; exit 2; }
IFS=, read -r -a variant_list <<<"$variants"
headline=${headline:-${variant_list[0]}}

# The levers ./run.sh starts the app with (keep in step with run.sh: extracted jar, AOT cache, RETAILFLOW_JVM_DEFAULTS).
RUN_SH_LEVERS="aot+small+c1"

app_port=${BENCH_B5_APP_PORT:-18580}
legacy_port=${BENCH_B5_LEGACY_PORT:-18582}
pg_port=${BENCH_B5_PG_PORT:-18583}
maria_port=${BENCH_B5_MARIADB_PORT:-18584}

bench_init b5-footprint
say "servers on core $BENCH_SERVER_CPU, load generator on core $BENCH_LOADGEN_CPU; work dir $BENCH_TMP"
ensure_app_jar
start_private_mariadb "$maria_port"
start_private_postgres "$pg_port"

db="rfb5_legacy_$products"
LEGACY_DB_HOST=127.0.0.1 LEGACY_DB_PORT="$maria_port" php "$ROOT_DIR/legacy-php/seed.php" --products="$products" --db="$db" \
  >"$BENCH_TMP/seed.log" 2>&1 || { cat "$BENCH_TMP/seed.log" >&2; die "seeding $products products failed"; }
ids="$BENCH_TMP/ids.txt"
mariadb_q "SELECT id FROM $db.products WHERE status = 1 ORDER BY id" > "$ids"
last=$(tail -1 "$ids")
need_free_port "$legacy_port"
start_bg legacy_pid "$BENCH_TMP/legacy.log" "$BENCH_SERVER_CPU" env LEGACY_DB_HOST=127.0.0.1 \
  LEGACY_DB_PORT="$maria_port" LEGACY_DB_NAME="$db" LEGACY_PRODUCTS="$products" LEGACY_FPM_PORT="$legacy_port" \
  LEGACY_FPM_RUN_DIR="$BENCH_TMP/fpm" "$ROOT_DIR/legacy-php/run-fpm.sh"
wait_port 127.0.0.1 "$legacy_port" 60 "legacy shop (nginx + php-fpm)"
legacy="http://127.0.0.1:$legacy_port"
sid=$(curl -fsS -o /dev/null -D - "$legacy/product.php?id=1" | sed -n 's/^[Ss]et-[Cc]ookie: *PHPSESSID=\([^;]*\).*/\1/p' | head -1)
[ -n "$sid" ] || die "legacy did not start a PHP session"
psql_q "DROP DATABASE IF EXISTS rf_b5"; psql_q "CREATE DATABASE rf_b5"
APP_ENV=(PORT="$app_port" SPRING_PROFILES_ACTIVE=demo RETAILFLOW_DB_PORT="$pg_port" RETAILFLOW_DB_NAME=rf_b5
  RETAILFLOW_LEGACY_URL="$legacy" LEGACY_DB_PORT="$maria_port" LEGACY_DB_NAME="$db" LEGACY_DB_USER=root LEGACY_DB_PASSWORD=)
app="http://127.0.0.1:$app_port"

# The extracted application (what the AOT cache needs: classes on the class path, not in nested jars).
extracted="$BENCH_TMP/extracted"
"$JAVA25/bin/java" -Djarmode=tools -jar "$APP_JAR" extract --destination "$extracted" >"$BENCH_TMP/extract.log" 2>&1 \
  || { cat "$BENCH_TMP/extract.log" >&2; die "could not extract the app jar"; }
extracted_jar="$extracted/$(basename "$APP_JAR")"
[ -f "$extracted_jar" ] || die "no $extracted_jar after extracting"

# launch VARIANT: the java arguments for a variant (sets LAUNCH)
aot_cache="$BENCH_TMP/app.aot" aot_train_s=""
launch() {
  local levers=$1 jar=$APP_JAR lever
  [ "$levers" = runsh ] && levers=$RUN_SH_LEVERS
  LAUNCH=()
  [ "$levers" = plain ] && { LAUNCH=(-jar "$APP_JAR"); return; }
  IFS=+ read -r -a lever_list <<<"$levers"
  for lever in "${lever_list[@]}"; do
    case $lever in
      extracted) jar=$extracted_jar;;
      aot) jar=$extracted_jar; LAUNCH+=(-XX:AOTCache="$aot_cache");;
      small) LAUNCH+=(-XX:+UseSerialGC -XX:MaxRAM=1g -Xss512k);;
      c1) LAUNCH+=(-XX:TieredStopAtLevel=1);;
      lazy) LAUNCH+=(-Dspring.main.lazy-initialization=true);;
      springaot) LAUNCH+=(-Dspring.aot.enabled=true);;
      *) die "unknown lever $lever in variant $1";;
    esac
  done
  LAUNCH+=(-jar "$jar")
}

# cpu_s PID: the process's CPU time so far (user + system of all its threads), in seconds
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' "/proc/$1/stat"; }

# start VARIANT LOG: starts the app, waits for readiness; sets PID, STARTUP_S and STARTUP_CPU_S
start() {
  local variant=$1 log=$2 t0 i
  launch "$variant"
  need_free_port "$app_port"
  t0=$(date +%s.%N)
  start_bg PID "$log" "$BENCH_SERVER_CPU" env "${APP_ENV[@]}" "$JAVA25/bin/java" "${LAUNCH[@]}"
  for i in $(seq 1 3000); do
    curl -fsS -o /dev/null "$app/actuator/health/readiness" 2>/dev/null && { STARTUP_CPU_S=$(cpu_s "$PID"); break; }
    kill -0 "$PID" 2>/dev/null || { tail -30 "$log" >&2; die "the app ($variant) exited during start-up (log: $log)"; }
    sleep 0.1
  done
  STARTUP_S=$(python3 -c "import time;print('%.2f' % (time.time() - $t0))")
  curl -fsS -o /dev/null "$app/actuator/health/readiness" || die "the app ($variant) is not ready after 300 s (log: $log)"
}
rss_mb() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
stop_app() { stop_group "$1"; local i; for i in $(seq 1 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done; }

say "first start (unmeasured): migrations, backfill of $products products, catalog route NEW"
start plain "$BENCH_TMP/app-first.log"
for i in $(seq 1 1200); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$app/api/v1/products/$last" || true)" = 200 ] && break
  sleep 0.5
done
curl -fsS -o /dev/null "$app/api/v1/products/$last" || die "backfill not done after 600 s"
curl -fsS -o /dev/null -u admin:admin -X PUT "$app/admin/api/routes/catalog" -H 'Content-Type: application/json' \
  -d '{"mode":"NEW","reason":"bench","force":true}' || die "could not flip the catalog route to NEW"
stop_app "$PID"

if printf '%s\n' "${variant_list[@]}" | grep -qE 'aot|runsh'; then
  say "AOT cache training run (-XX:AOTCacheOutput, exits after the context refresh)"
  t0=$(date +%s.%N)
  setsid taskset -c "$BENCH_SERVER_CPU" env "${APP_ENV[@]}" "$JAVA25/bin/java" -XX:AOTCacheOutput="$aot_cache" \
    -Dspring.context.exit=onRefresh -jar "$extracted_jar" >"$BENCH_TMP/aot-train.log" 2>&1 </dev/null \
    || { tail -30 "$BENCH_TMP/aot-train.log" >&2; die "the AOT training run failed"; }
  aot_train_s=$(python3 -c "import time;print('%.1f' % (time.time() - $t0))")
  [ -f "$aot_cache" ] || die "the training run wrote no AOT cache"
  say "AOT cache: $(du -m "$aot_cache" | cut -f1) MB in ${aot_train_s} s"
fi

declare -A S C I L P
json_fields=()
rows=()
for variant in "${variant_list[@]}"; do
  for r in $(seq 1 "$repeat"); do
    log="$BENCH_TMP/app-$variant-$r.log"
    start "$variant" "$log"
    say "$variant: ready in ${STARTUP_S} s, ${STARTUP_CPU_S} s of CPU"
    sleep 10
    idle=$(rss_mb "$PID")
    cookie="PHPSESSID=$sid"
    # one page first: the proxy hands out its visit cookies, then every request carries them (as in B1)
    rf=$(curl -fsS -o /dev/null -D - -H "Cookie: $cookie" "$app/products/1" \
         | sed -n 's/^[Ss]et-[Cc]ookie: *\(rf_[a-z]*=[^;]*\).*/\1/p' | paste -sd ';' | sed 's/;/; /g')
    cookie="$cookie${rf:+; $rf}"
    max=$idle
    ( while kill -0 "$PID" 2>/dev/null; do rss_mb "$PID" 2>/dev/null; echo; sleep 1; done ) >"$BENCH_TMP/rss-$variant-$r.txt" &
    sampler=$!
    run_wrk "b5-$variant-$r" "$app" "/products/{id}" "$ids" "$load_duration" "$connections" "$cookie"
    kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
    max=$(sort -n "$BENCH_TMP/rss-$variant-$r.txt" | tail -1)
    [ "$WRK_NON2XX" = 0 ] || say "WARNING: $variant had $WRK_NON2XX non-2xx answers under load"
    say "$variant run $r: startup ${STARTUP_S} s (${STARTUP_CPU_S} s CPU), RSS idle ${idle} MB, under load ${max} MB (${WRK_RPS} req/s)"
    S[$variant]+="$STARTUP_S " C[$variant]+="$STARTUP_CPU_S " I[$variant]+="$idle " L[$variant]+="$max " P[$variant]+="$WRK_RPS "
    stop_app "$PID"
  done
done

median() { python3 -c "import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))" $1; }
for variant in "${variant_list[@]}"; do
  s=$(median "${S[$variant]}") c=$(median "${C[$variant]}") i=$(median "${I[$variant]}") l=$(median "${L[$variant]}") p=$(median "${P[$variant]}")
  key=${variant//+/_}
  json_fields+=("startup_s_$key=$s" "startup_cpu_s_$key=$c" "rss_mb_idle_$key=$i" "rss_mb_load_$key=$l" "rps_under_load_$key=$p")
  rows+=("$(printf '%-16s %10s %10s %12s %12s %12s' "$variant" "$s" "$c" "$i" "$l" "$p")")
  if [ "$variant" = "$headline" ]; then
    json_fields+=("startup_s=$s" "startup_cpu_s=$c" "rss_mb_idle=$i" "rss_mb_load=$l")
  fi
done

commit=$(git -C "$ROOT_DIR" rev-parse HEAD)
dirty=$(git -C "$ROOT_DIR" status --porcelain -- . ':!bench' | wc -l)
machine=$(machine_string)
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
write_json "$BENCH_RESULTS/b5-footprint.json" "${json_fields[@]}" \
  headline_variant="$headline" products="$products" load_duration_s="$load_duration" connections="$connections" \
  repeat="$repeat" run_sh_levers="$RUN_SH_LEVERS" aot_training_s="${aot_train_s:-n/a}" \
  aot_cache_mb="$( [ -f "$aot_cache" ] && du -m "$aot_cache" | cut -f1 || echo n/a)" \
  app_jar_built="$APP_JAR_BUILT" app_jar_source="$APP_JAR_SOURCE" uncommitted_changes_outside_bench="$dirty" \
  date="$now" commit="$commit" command="$COMMAND" machine="$machine" \
  notes="startup_s: process start to readiness 200 (0.1 s polling), app pinned to one core; startup_cpu_s: the app process's user+system CPU time when readiness first answered 200; rss_mb_idle: VmRSS 10 s after readiness (migrated, backfilled database); rss_mb_load: highest VmRSS (1 s samples) under wrk GET /products/{id}, $connections connections, ${load_duration}s, catalog route NEW, one fixed PHP session cookie. Headline fields (startup_s, rss_mb_idle, rss_mb_load) are the $headline variant; *_<variant> fields are medians of $repeat run(s) each."

{
  echo "B5 start-up and footprint — $now, commit $commit (uncommitted changes outside bench/: $dirty)"
  echo "$machine"
  echo
  printf '%-16s %10s %10s %12s %12s %12s\n' variant "startup s" "CPU s" "RSS idle MB" "RSS load MB" "req/s"
  for row in "${rows[@]}"; do echo "$row"; done
  echo
  echo "headline: $headline; run.sh uses: $RUN_SH_LEVERS"
  echo "AOT cache training: ${aot_train_s:-n/a} s; $products products; load: wrk $connections connections, ${load_duration}s"
  echo "command: $COMMAND"
} | tee "$BENCH_RESULTS/b5-footprint.txt"
say "wrote $BENCH_RESULTS/b5-footprint.json and $BENCH_RESULTS/b5-footprint.txt in $(elapsed) s"

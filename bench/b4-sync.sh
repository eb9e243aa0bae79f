#!/usr/bin/env bash
# B4 sync (legacy MariaDB -> the new modules' PostgreSQL schemas), measured in one run:
#   1. backfill: the app's initial copy of N legacy products (default 1,000,000) into the catalog, through the
#      module API (COPY into a staging table, set-based upsert, checkpoint per chunk) -> backfill_rows,
#      backfill_rows_per_s (products table: rows copied / (completed_at - started_at) from legacy_sync.backfill)
#   2. ceiling: a raw binary COPY of the same product rows (exported from catalog.product after the backfill) into a
#      plain table without indexes on the same PostgreSQL -> copy_rows_per_s
#   3. lag: sustained legacy writes (price updates at --rate per second, autocommit) for --lag-seconds; for every
#      --probe-every-th write, the time from its legacy commit until GET /api/v1/products/{id} shows it (polled every
#      --poll-ms, so lag is known to that resolution) -> legacy_writes_per_s (achieved), lag_p99_ms. Needs the
#      change stream in the app; without one no write ever shows and the lag fields are not written.
#
#   bench/b4-sync.sh [--products 1000000] [--rate 200] [--lag-seconds 60] [--probe-every 5] [--poll-ms 20]
#                    [--chunk-size 10000] [--no-lag]
#
# Servers (app, PostgreSQL, MariaDB) on core 1, the lag probe on core 0. About 4-6 minutes at the default size.
# Writes bench/results/b4-sync.json and bench/results/b4-sync.txt (BENCH_RESULTS_DIR=/tmp/x for trial runs).
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/lib.sh"
COMMAND=$(command_line bench/b4-sync.sh "$@")

products=1000000 rate=200 lag_seconds=60 probe_every=5 poll_ms=20 chunk=10000 lag=1
while [ $# -gt 0 ]; do
  case $1 in
    --products) products=$2; shift 2;;
    --rate) rate=$2; shift 2;;
    --lag-seconds) lag_seconds=$2; shift 2;;
    --probe-every) probe_every=$2; shift 2;;
    --poll-ms) poll_ms=$2; shift 2;;
    --chunk-size) chunk=$2; shift 2;;
    --no-lag) lag=0; shift;;
    -h|--help) sed -n '2,20p' "$0"; exit 0;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2;;
  esac
done
[[ "$products" =~ ^[0-9]+$ ]] && [ "$products" -ge 100 ] || { echo "bad --products $products" >&2; exit 2; }

app_port=${BENCH_B4_APP_PORT:-18480}
pg_port=${BENCH_B4_PG_PORT:-18483}
maria_port=${BENCH_B4_MARIADB_PORT:-18484}

bench_init b4-sync
say "servers on core $BENCH_SERVER_CPU, lag probe on core $BENCH_LOADGEN_CPU; work dir $BENCH_TMP"
ensure_app_jar
start_private_mariadb "$maria_port"
start_private_postgres "$pg_port"
pg() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d rf_b4 -v ON_ERROR_STOP=1 -qAtc "$1"; }

db=rfb_sync
say "seeding $products legacy products"
t0=$(date +%s.%N)
LEGACY_DB_HOST=127.0.0.1 LEGACY_DB_PORT="$maria_port" php "$ROOT_DIR/legacy-php/seed.php" --products="$products" \
  --customers=10 --db="$db" >"$BENCH_TMP/seed.log" 2>&1 || { cat "$BENCH_TMP/seed.log" >&2; die "seeding failed"; }
say "seeded in $(python3 -c "import time;print('%.1f' % (time.time()-$t0))") s"

# ---------------------------------------------------------------------------------------------- 1. backfill
psql_q "DROP DATABASE IF EXISTS rf_b4"; psql_q "CREATE DATABASE rf_b4"
app="http://127.0.0.1:$app_port"
start_app "$app_port" "$BENCH_TMP/app.log" \
  RETAILFLOW_DB_HOST=127.0.0.1 RETAILFLOW_DB_PORT="$pg_port" RETAILFLOW_DB_NAME=rf_b4 \
  LEGACY_DB_HOST=127.0.0.1 LEGACY_DB_PORT="$maria_port" LEGACY_DB_NAME="$db" LEGACY_DB_USER=root LEGACY_DB_PASSWORD= \
  RETAILFLOW_BACKFILL_ON_START=true RETAILFLOW_LEGACY_BACKFILL_CHUNKSIZE="$chunk" \
  RETAILFLOW_LEGACY_RECONCILIATION_INTERVAL=0
app_pid=$APP_PID
say "waiting for the backfill (legacy_sync.backfill: products and stock completed, no table still copying)"
backfilled=0
for _ in $(seq 1 1800); do
  backfilled=$(pg "SELECT count(*) FILTER (WHERE table_name IN ('products', 'stock') AND completed_at IS NOT NULL) = 2
    AND count(*) FILTER (WHERE completed_at IS NULL) = 0 FROM legacy_sync.backfill" 2>/dev/null || echo f)
  [ "$backfilled" = t ] && break
  kill -0 "$app_pid" 2>/dev/null || { tail -30 "$BENCH_TMP/app.log" >&2; die "the app exited (log: $BENCH_TMP/app.log)"; }
  sleep 0.5
done
[ "$backfilled" = t ] || die "backfill not complete after 900 s (log: $BENCH_TMP/app.log)"
IFS='|' read -r backfill_rows backfill_s untranslatable <<<"$(pg "SELECT rows_copied,
  extract(epoch FROM completed_at - started_at), untranslatable FROM legacy_sync.backfill WHERE table_name = 'products'")"
backfill_total_s=$(pg "SELECT round(extract(epoch FROM max(completed_at) - min(started_at)), 2) FROM legacy_sync.backfill")
backfill_tables=$(pg "SELECT count(*) FROM legacy_sync.backfill")
stored=$(pg "SELECT count(*) FROM catalog.product")
[ "$stored" -eq $(( backfill_rows - untranslatable )) ] || die "catalog.product holds $stored rows, expected $backfill_rows - $untranslatable"
backfill_rps=$(python3 -c "print('%.0f' % ($backfill_rows / $backfill_s))")
say "backfill: $backfill_rows products in $(printf '%.2f' "$backfill_s") s = $backfill_rps rows/s (all $backfill_tables tables: $backfill_total_s s)"

# ---------------------------------------------------------------------------------------------- 2. COPY ceiling
copy_file="$BENCH_TMP/pg/products.copy"
pg "COPY (SELECT id, sku, category_id, name, description, price, currency, status, created_at FROM catalog.product
     ORDER BY id) TO '$copy_file' (FORMAT binary)"
pg "CREATE TABLE public.copy_ceiling (id bigint, sku varchar(64), category_id bigint, name text, description text,
     price numeric(12,2), currency char(3), status varchar(16), created_at timestamptz)"
t0=$(date +%s.%N)
pg "COPY public.copy_ceiling FROM '$copy_file' (FORMAT binary)"
copy_s=$(python3 -c "import time;print('%.3f' % (time.time()-$t0))")
copied=$(pg "SELECT count(*) FROM public.copy_ceiling")
pg "DROP TABLE public.copy_ceiling"; rm -f "$copy_file"
copy_rps=$(python3 -c "print('%.0f' % ($copied / $copy_s))")
ratio=$(python3 -c "print('%.2f' % ($backfill_rps / $copy_rps))")
say "binary COPY of the same $copied rows into a plain table: $copy_s s = $copy_rps rows/s (backfill / COPY = $ratio)"

# ---------------------------------------------------------------------------------------------- 3. lag
lag_fields=() lag_status="not measured (--no-lag)"
writes_rps="" lag_p99="" lag_p50="" lag_max="" probes="" seen="" timed_out=""
if [ "$lag" = 1 ]; then
  ids="$BENCH_TMP/ids.txt"
  mariadb_q "SELECT id FROM $db.products WHERE status = 1 ORDER BY id LIMIT 50000" > "$ids"
  jar=$(ls "$HOME"/.m2/repository/org/mariadb/jdbc/mariadb-java-client/*/mariadb-java-client-*.jar | grep -v sources | sort -V | tail -1)
  [ -n "$jar" ] || die "no mariadb-java-client jar in ~/.m2 for the lag probe"
  say "lag: $rate legacy writes/s for ${lag_seconds}s, probing every ${probe_every}th write (poll ${poll_ms} ms)"
  taskset -c "$BENCH_LOADGEN_CPU" "$JAVA25/bin/java" --class-path "$jar" "$BENCH_DIR/b4/LagProbe.java" \
    "jdbc:mariadb://127.0.0.1:$maria_port/$db?user=root" "$app" "$rate" "$lag_seconds" "$probe_every" "$poll_ms" \
    "$ids" "$BENCH_TMP/lag.json" >"$BENCH_TMP/lag.log" 2>&1 || { cat "$BENCH_TMP/lag.log" >&2; die "the lag probe failed"; }
  eval "$(python3 - "$BENCH_TMP/lag.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for k, v in (("writes_rps", d["writes_per_s"]), ("lag_p99", d["lag_p99_ms"]), ("lag_p50", d["lag_p50_ms"]),
             ("lag_max", d["lag_max_ms"]), ("probes", d["probes"]), ("seen", d["probes_seen"]),
             ("timed_out", d["probes_timed_out"])):
    print("%s=%s" % (k, "" if v is None else v))
PY
)"
  if [ "$seen" = 0 ]; then
    lag_status="not measured: no legacy write reached the new API within 30 s (is the change stream running?)"
    say "WARNING: $lag_status"
  elif [ "$timed_out" != 0 ]; then
    lag_status="incomplete: $timed_out of $probes probed writes never reached the new API within 30 s"
    say "WARNING: $lag_status; lag figures are not written"
  else
    lag_status="measured"
    lag_fields=(legacy_writes_per_s="$writes_rps" lag_p99_ms="$lag_p99" lag_p50_ms="$lag_p50" lag_max_ms="$lag_max"
      lag_probes="$seen" lag_seconds="$lag_seconds" lag_poll_ms="$poll_ms" legacy_writes_target_per_s="$rate")
    say "lag: $writes_rps writes/s achieved; p50 $lag_p50 ms, p99 $lag_p99 ms, max $lag_max ms over $seen probes"
  fi
fi
stop_group "$app_pid"

commit=$(git -C "$ROOT_DIR" rev-parse HEAD)
dirty=$(git -C "$ROOT_DIR" status --porcelain -- . ':!bench' | wc -l)
machine=$(machine_string)
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
write_json "$BENCH_RESULTS/b4-sync.json" \
  backfill_rows="$backfill_rows" backfill_rows_per_s="$backfill_rps" copy_rows_per_s="$copy_rps" \
  backfill_vs_copy_ratio="$ratio" backfill_s="$(printf '%.2f' "$backfill_s")" backfill_all_tables_s="$backfill_total_s" \
  backfill_untranslatable_rows="$untranslatable" backfill_chunk_size="$chunk" copy_s="$copy_s" \
  "${lag_fields[@]}" lag_status="$lag_status" \
  app_jar_built="$APP_JAR_BUILT" app_jar_source="$APP_JAR_SOURCE" app_jar_commit="${BENCH_APP_COMMIT:-unknown: app/target built from the working tree}" app_launch_workaround="${APP_WORKAROUND:-none}" \
  uncommitted_changes_outside_bench="$dirty" \
  date="$now" commit="$commit" command="$COMMAND" machine="$machine" \
  notes="backfill_rows_per_s: the products table of the app's backfill (legacy read, translation, COPY into the catalog's staging table, upsert with the full-text document and its GIN index, checkpoint), from legacy_sync.backfill timestamps. copy_rows_per_s: server-side binary COPY of the same rows into an unindexed table. Lag: time from a legacy autocommit UPDATE returning until GET /api/v1/products/{id} shows the price, polled every ${poll_ms} ms; the probe runs on core $BENCH_LOADGEN_CPU, everything else on core $BENCH_SERVER_CPU. App: $APP_JAVA_OPTS."

{
  echo "B4 sync — $now, commit $commit (uncommitted changes outside bench/: $dirty files)"
  echo "$machine"
  echo
  printf '%-34s %14s\n' measure value
  printf '%-34s %14s\n' "backfill rows (products)" "$backfill_rows"
  printf '%-34s %14s\n' "backfill rows/s" "$backfill_rps"
  printf '%-34s %14s\n' "binary COPY rows/s (ceiling)" "$copy_rps"
  printf '%-34s %14s\n' "backfill / COPY" "$ratio"
  printf '%-34s %14s\n' "legacy writes/s (achieved)" "${writes_rps:-n/a}"
  printf '%-34s %14s\n' "lag p50 ms" "${lag_p50:-n/a}"
  printf '%-34s %14s\n' "lag p99 ms" "${lag_p99:-n/a}"
  echo
  echo "goals: backfill >= 100000 rows/s and >= 1/3 of COPY; lag p99 < 1000 ms at >= 200 writes/s"
  echo "lag: $lag_status"
  echo "all $backfill_tables synced tables backfilled in $backfill_total_s s; chunk size $chunk; untranslatable products skipped: $untranslatable"
  echo "app jar $APP_JAR_SOURCE built $APP_JAR_BUILT from ${BENCH_APP_COMMIT:-the working tree}"
  [ -n "${APP_WORKAROUND:-}" ] && echo "WORK-AROUND: $APP_WORKAROUND"
  echo "command: $COMMAND"
} | tee "$BENCH_RESULTS/b4-sync.txt"
say "wrote $BENCH_RESULTS/b4-sync.json and $BENCH_RESULTS/b4-sync.txt in $(elapsed) s"

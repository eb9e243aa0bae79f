#!/usr/bin/env bash
# B2 proxy overhead (docs/contracts.md, "Benchmarks"): the same small static file fetched
#   direct  - from the backend (nginx serving a static file)
#   nginx   - through nginx as reverse proxy (proxy_pass, keepalive upstream) to that backend
#   proxy   - through our strangler proxy (the app, every route LEGACY; /static.html matches no route, so it is
#             forwarded to legacy = the backend)
# measured in one run: closed-loop throughput with wrk, then p99 with Gatling at one constant arrival rate
# (open model) for all three.
#
#   bench/b2-proxy.sh [--duration 30] [--warmup 30] [--connections 256] [--rate N] [--gatling-duration 30]
#                     [--gatling-warmup 10] [--threads virtual|platform:N] [--profile]
#
# Alternatives, side by side on the same machine (run once per value, compare the JSON files):
#   --threads virtual      Tomcat serves each request on a virtual thread (the default, as in production)
#   --threads platform:N   a platform pool of N Tomcat threads instead (server.tomcat.threads.max=N)
#   --profile              records the app with JFR while the proxy is measured and writes the top frames,
#                          by component and by method, to b2-proxy-profile.txt beside the results (bench/jfr-top.py)
# The HTTP client (Apache HttpClient 5 classic) and the container (Tomcat) have no switch: see ADR 0061 for the
# measurements and the reasons (the JDK client cannot send legacy's query strings as they came).
#
# The warm-up is long on purpose: the JVM compiles its hot code with C2 on the same single core it serves
# from; after 10 s the proxy still runs at a fraction of its speed. Every target gets the same warm-up.
# --rate defaults to 50 % of the proxy's wrk throughput (capped at 6000/s, what one Gatling core generates
# reliably). Servers on core $BENCH_SERVER_CPU (1), load generators on core $BENCH_LOADGEN_CPU (0).
# Writes bench/results/b2-proxy.json and bench/results/b2-proxy.txt.
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/lib.sh"
COMMAND=$(command_line bench/b2-proxy.sh "$@")

duration=30 warmup=30 connections=256 rate="" gduration=30 gwarmup=10 threads=virtual profile=false
while [ $# -gt 0 ]; do
  case $1 in
    --duration) duration=$2; shift 2;;
    --warmup) warmup=$2; shift 2;;
    --connections) connections=$2; shift 2;;
    --rate) rate=$2; shift 2;;
    --gatling-duration) gduration=$2; shift 2;;
    --gatling-warmup) gwarmup=$2; shift 2;;
    --threads) threads=$2; shift 2;;
    --profile) profile=true; shift;;
    -h|--help) sed -n '2,28p' "$0"; exit 0;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2;;
  esac
done

case $threads in
  virtual) thread_env=(SPRING_THREADS_VIRTUAL_ENABLED=true) ;;
  platform:[0-9]*) thread_env=(SPRING_THREADS_VIRTUAL_ENABLED=false SERVER_TOMCAT_THREADS_MAX="${threads#platform:}"
                              SERVER_TOMCAT_THREADS_MIN_SPARE="${threads#platform:}") ;;
  *) echo "--threads is virtual or platform:N, not $threads" >&2; exit 2;;
esac

backend_port=${BENCH_B2_BACKEND_PORT:-18290}
nginx_port=${BENCH_B2_NGINX_PORT:-18291}
app_port=${BENCH_B2_APP_PORT:-18292}
pg_port=${BENCH_B2_PG_PORT:-18293}
maria_port=${BENCH_B2_MARIADB_PORT:-18294}

bench_init b2-proxy
say "servers on core $BENCH_SERVER_CPU, load generators on core $BENCH_LOADGEN_CPU; work dir $BENCH_TMP"
ensure_app_jar
command -v nginx >/dev/null || apt_install nginx

# --- the static backend and nginx as reverse proxy (one worker each: they get one core)
www="$BENCH_TMP/www"; mkdir -p "$www"
python3 - "$www/static.html" <<'PY'
import sys
body = "<!doctype html><html><head><title>static</title></head><body>\n" + \
       "".join("<p>RetailFlow B2 static backend line %02d, a small page of about one kilobyte.</p>\n" % i for i in range(12)) + \
       "</body></html>\n"
open(sys.argv[1], "w").write(body)
PY
chmod -R a+rX "$www"
nginx_conf() { # nginx_conf NAME SERVER_BLOCK
  mkdir -p "$BENCH_TMP/$1/tmp"
  cat > "$BENCH_TMP/$1/nginx.conf" <<CONF
worker_processes 1;
pid $BENCH_TMP/$1/nginx.pid;
error_log $BENCH_TMP/$1/error.log warn;
events { worker_connections 8192; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_timeout 65; keepalive_requests 1000000;
  client_body_temp_path $BENCH_TMP/$1/tmp/body; proxy_temp_path $BENCH_TMP/$1/tmp/proxy;
  fastcgi_temp_path $BENCH_TMP/$1/tmp/fcgi; uwsgi_temp_path $BENCH_TMP/$1/tmp/uwsgi; scgi_temp_path $BENCH_TMP/$1/tmp/scgi;
  $2
}
CONF
}
need_free_port "$backend_port"; need_free_port "$nginx_port"
nginx_conf backend "server { listen 127.0.0.1:$backend_port backlog=4096; root $www; }"
nginx_conf nginxproxy "upstream backend { server 127.0.0.1:$backend_port; keepalive 64; }
  server { listen 127.0.0.1:$nginx_port backlog=4096;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection \"\";
                 proxy_set_header Host \$http_host; proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; } }"
start_bg BACKEND_PID "$BENCH_TMP/backend/stdout.log" "$BENCH_SERVER_CPU" nginx -p "$BENCH_TMP/backend" -c "$BENCH_TMP/backend/nginx.conf" -g 'daemon off;'
start_bg NGINXPROXY_PID "$BENCH_TMP/nginxproxy/stdout.log" "$BENCH_SERVER_CPU" nginx -p "$BENCH_TMP/nginxproxy" -c "$BENCH_TMP/nginxproxy/nginx.conf" -g 'daemon off;'
wait_port 127.0.0.1 "$backend_port" 10 "static backend (nginx)"
wait_port 127.0.0.1 "$nginx_port" 10 "nginx reverse proxy"

# --- the app: a private PostgreSQL for its route table, and an empty legacy database (schema only: no backfill
#     runs, but the app's legacy connection pool and PHP-session bridge must find a database, as in production)
start_private_postgres "$pg_port"
psql_q "CREATE DATABASE rf_bench_b2"
start_private_mariadb "$maria_port"
mariadb_q "CREATE DATABASE rfb_b2_legacy"
mariadb -h127.0.0.1 -P"$maria_port" -uroot rfb_b2_legacy < "$ROOT_DIR/legacy-php/sql/schema.sql" || die "legacy schema failed"
jfr_file="$BENCH_TMP/app.jfr"
if $profile; then
  # Recorded from the start, read only for the proxy's measured wrk run (the window is cut by time below).
  APP_JAVA_OPTS="$APP_JAVA_OPTS -XX:StartFlightRecording=filename=$jfr_file,settings=profile,dumponexit=true"
fi
start_app "$app_port" "$BENCH_TMP/app.log" "${thread_env[@]}" \
  RETAILFLOW_DB_PORT="$pg_port" RETAILFLOW_DB_NAME=rf_bench_b2 \
  RETAILFLOW_LEGACY_URL="http://127.0.0.1:$backend_port" \
  LEGACY_DB_PORT="$maria_port" LEGACY_DB_NAME=rfb_b2_legacy \
  RETAILFLOW_BACKFILL_ON_START=false \
  RETAILFLOW_PROXY_MAX_CONNECTIONS="${RETAILFLOW_PROXY_MAX_CONNECTIONS:-$connections}"
app_startup_s=$APP_STARTUP_S

routes=$(curl -fsS -u admin:admin "http://127.0.0.1:$app_port/admin/api/routes")
python3 -c 'import json,sys; r=json.loads(sys.argv[1]); r=r if isinstance(r,list) else r.get("routes",r); assert all(x["mode"]=="LEGACY" for x in r), r' "$routes" \
  || die "not every route is LEGACY: $routes"

# A browser keeps the proxy's shopper/visit cookies after its first request; send them on every request (to
# all three targets, so the requests are identical) instead of making the proxy mint new ones each time.
cookie=$(curl -fsS -o /dev/null -D - "http://127.0.0.1:$app_port/static.html" \
  | sed -n 's/^[Ss]et-[Cc]ookie: *\([^;]*\).*/\1/p' | paste -sd ';' | sed 's/;/; /g')
say "cookie sent on every request: ${cookie:-<none>}"

want=$(md5sum < "$www/static.html" | cut -c1-32)
for url in "http://127.0.0.1:$backend_port" "http://127.0.0.1:$nginx_port" "http://127.0.0.1:$app_port"; do
  got=$(curl -fsS -H "Cookie: $cookie" "$url/static.html" | md5sum | cut -c1-32) || die "GET $url/static.html failed"
  [ "$got" = "$want" ] || die "$url/static.html does not serve the static file"
done
served_by=$(curl -fsS -o /dev/null -D - -H "Cookie: $cookie" "http://127.0.0.1:$app_port/static.html" | sed -n 's/^X-Served-By: *//Ip' | tr -d '\r')
[ "$served_by" = legacy ] || die "the proxy did not forward /static.html to legacy (X-Served-By: $served_by)"

names=(direct nginx proxy)
declare -A base=([direct]="http://127.0.0.1:$backend_port" [nginx]="http://127.0.0.1:$nginx_port" [proxy]="http://127.0.0.1:$app_port")
declare -A rps p50 wrk99 non2xx errs
cpu0=$(cpu_snapshot); t0=$(date +%s.%N)
for n in "${names[@]}"; do
  say "wrk $n: warm-up ${warmup}s, then ${duration}s with $connections connections"
  run_wrk "$n-warmup" "${base[$n]}" /static.html "" "$warmup" "$connections" "$cookie"
  [ "$n" = proxy ] && proxy_from=$(date -u +%H:%M:%S)
  run_wrk "$n" "${base[$n]}" /static.html "" "$duration" "$connections" "$cookie"
  [ "$n" = proxy ] && proxy_to=$(date -u +%H:%M:%S)
  rps[$n]=$WRK_RPS p50[$n]=$WRK_P50_MS wrk99[$n]=$WRK_P99_MS non2xx[$n]=$WRK_NON2XX errs[$n]=$WRK_ERRORS
  say "  $n: ${WRK_RPS} req/s, closed-loop p99 ${WRK_P99_MS} ms, non-2xx ${WRK_NON2XX}, socket errors ${WRK_ERRORS}"
done
# Extra: what a cookie-less client costs the proxy (it mints a shopper and a visit cookie per request).
say "wrk proxy without cookies: ${duration}s"
run_wrk proxy-nocookie "${base[proxy]}" /static.html "" "$duration" "$connections" ""
proxy_nocookie_rps=$WRK_RPS
cpu1=$(cpu_snapshot); read -r foreign_wrk_lg foreign_wrk_srv <<<"$(foreign_cpu "$cpu0" "$cpu1" "$(python3 -c "import time;print(time.time()-$t0)")")"

if [ -z "$rate" ]; then
  rate=$(python3 -c "print(max(100, min(6000, int(${rps[proxy]} * 0.5 / 100) * 100)))")
fi
say "Gatling, open model at $rate req/s for each target (${gwarmup}s warm-up + ${gduration}s measured)"
targets=""
for n in "${names[@]}"; do targets+="$n|${base[$n]}|/static.html;"; done
cpu0=$(cpu_snapshot); t0=$(date +%s.%N)
run_gatling b2 "$rate" "$gduration" "$gwarmup" "" "$cookie" "$targets"
cpu1=$(cpu_snapshot); read -r foreign_g_lg foreign_g_srv <<<"$(foreign_cpu "$cpu0" "$cpu1" "$(python3 -c "import time;print(time.time()-$t0)")")"
declare -A p99 gp50 gmax gko gcount
for n in "${names[@]}"; do
  p99[$n]=$(gatling_field b2 "$n" p99); gp50[$n]=$(gatling_field b2 "$n" p50); gmax[$n]=$(gatling_field b2 "$n" max)
  gko[$n]=$(gatling_field b2 "$n" ko); gcount[$n]=$(gatling_field b2 "$n" count)
  [ -n "${p99[$n]}" ] || die "Gatling reported nothing for $n"
done

if $profile; then
  say "profile: JFR of the proxy's measured wrk run ($proxy_from to $proxy_to UTC)"
  jcmd_bin="$JAVA25/bin/jcmd"; jfr_bin="$JAVA25/bin/jfr"
  "$jcmd_bin" "$APP_PID" JFR.dump filename="$jfr_file" >/dev/null || die "JFR dump failed"
  "$jfr_bin" print --json --stack-depth 96 --events jdk.ExecutionSample,jdk.GarbageCollection "$jfr_file" > "$BENCH_TMP/cpu.json"
  "$jfr_bin" print --json --stack-depth 96 --events jdk.ObjectAllocationSample "$jfr_file" > "$BENCH_TMP/alloc.json"
  { echo "B2 proxy profile — commit $(git -C "$ROOT_DIR" rev-parse HEAD), threads $threads, wrk $connections connections"
    echo "$(machine_string)"; echo
    python3 "$ROOT_DIR/bench/jfr-top.py" "$BENCH_TMP/cpu.json" "$proxy_from" "$proxy_to" "$BENCH_TMP/alloc.json"
  } > "$BENCH_RESULTS/b2-proxy-profile.txt" || die "profile summary failed"
  say "wrote $BENCH_RESULTS/b2-proxy-profile.txt"
fi

ratio() { python3 -c "a,b=float('$1'),float('$2'); print('%.2f' % (a/b) if b else 'n/a')"; }
rps_ratio=$(ratio "${rps[proxy]}" "${rps[nginx]}")
p99_ratio=$(ratio "${p99[proxy]}" "${p99[nginx]}")
commit=$(git -C "$ROOT_DIR" rev-parse HEAD)
dirty=$(git -C "$ROOT_DIR" status --porcelain -- . ':!bench' | wc -l)
machine=$(machine_string)

write_json "$BENCH_RESULTS/b2-proxy.json" \
  proxy_rps="${rps[proxy]}" nginx_rps="${rps[nginx]}" direct_rps="${rps[direct]}" \
  proxy_p99_ms="${p99[proxy]}" nginx_p99_ms="${p99[nginx]}" direct_p99_ms="${p99[direct]}" \
  proxy_vs_nginx_rps_ratio="$rps_ratio" proxy_vs_nginx_p99_ratio="$p99_ratio" \
  gatling_rate_per_s="$rate" gatling_duration_s="$gduration" \
  proxy_p50_ms="${gp50[proxy]}" nginx_p50_ms="${gp50[nginx]}" direct_p50_ms="${gp50[direct]}" \
  proxy_max_ms="${gmax[proxy]}" nginx_max_ms="${gmax[nginx]}" direct_max_ms="${gmax[direct]}" \
  proxy_gatling_ko="${gko[proxy]}" nginx_gatling_ko="${gko[nginx]}" direct_gatling_ko="${gko[direct]}" \
  proxy_wrk_p99_ms="${wrk99[proxy]}" nginx_wrk_p99_ms="${wrk99[nginx]}" direct_wrk_p99_ms="${wrk99[direct]}" \
  proxy_wrk_non2xx="${non2xx[proxy]}" nginx_wrk_non2xx="${non2xx[nginx]}" direct_wrk_non2xx="${non2xx[direct]}" \
  proxy_wrk_socket_errors="${errs[proxy]}" nginx_wrk_socket_errors="${errs[nginx]}" direct_wrk_socket_errors="${errs[direct]}" \
  proxy_nocookie_rps="$proxy_nocookie_rps" app_threads="$threads" connections="$connections" wrk_duration_s="$duration" \
  app_startup_s="$app_startup_s" wrk_warmup_s="$warmup" gatling_warmup_s="$gwarmup" \
  app_jar_built="$APP_JAR_BUILT" app_jar_source="$APP_JAR_SOURCE" app_jar_commit="${BENCH_APP_COMMIT:-unknown: app/target built from the working tree}" app_launch_workaround="${APP_WORKAROUND:-none}" \
  other_processes_cpu_pct_loadgen_core_wrk="$foreign_wrk_lg" other_processes_cpu_pct_server_core_wrk="$foreign_wrk_srv" \
  other_processes_cpu_pct_loadgen_core_gatling="$foreign_g_lg" other_processes_cpu_pct_server_core_gatling="$foreign_g_srv" \
  uncommitted_changes_outside_bench="$dirty" \
  date="$(date -u +%Y-%m-%dT%H:%M:%SZ)" commit="$commit" command="$COMMAND" machine="$machine" \
  notes="p99 from Gatling (open model, constant arrival rate, shared keep-alive pool; whole-millisecond resolution) at gatling_rate_per_s for all three; rps from wrk (closed loop, $connections connections, ${duration}s after ${warmup}s warm-up). Every request carries the proxy's rf_shopper/rf_visit cookies (as a returning browser would); proxy_nocookie_rps is the proxy without them. Backend: nginx, 1 worker, ~1 KiB static file; nginx proxy: 1 worker, keepalive 64 upstream. App: $APP_JAVA_OPTS, threads $threads, retailflow.proxy.max-connections=${RETAILFLOW_PROXY_MAX_CONNECTIONS:-$connections}. other_processes_cpu_pct_* = CPU used by processes outside this run on each core during the measurements (other work on the machine)."

{
  echo "B2 proxy overhead — $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $commit (uncommitted changes outside bench/: $dirty files)"
  echo "$machine"
  echo
  printf '%-8s %12s %14s %16s %12s %12s %10s\n' target "wrk req/s" "wrk p99 ms" "Gatling p99 ms" "p50 ms" "max ms" "KO"
  for n in "${names[@]}"; do
    printf '%-8s %12s %14s %16s %12s %12s %10s\n' "$n" "${rps[$n]}" "${wrk99[$n]}" "${p99[$n]}" "${gp50[$n]}" "${gmax[$n]}" "${gko[$n]}"
  done
  echo
  echo "proxy / nginx throughput: $rps_ratio (goal >= 0.8)   proxy / nginx p99: $p99_ratio (goal <= 1.5)"
  echo "proxy without cookies (mints 2 cookies per request): $proxy_nocookie_rps req/s"
  echo "app threads: $threads"
  echo "wrk: $connections connections, ${duration}s measured after ${warmup}s warm-up (closed loop; its p99 is coordinated-omission-prone)"
  echo "Gatling: open model, $rate req/s per target, ${gduration}s measured after ${gwarmup}s warm-up; whole-ms resolution"
  echo "CPU used by other processes during wrk: loadgen core ${foreign_wrk_lg}%, server core ${foreign_wrk_srv}%; during Gatling: ${foreign_g_lg}%, ${foreign_g_srv}%"
  echo "app start-up to ready: ${app_startup_s} s (1 core); app jar $APP_JAR_SOURCE built $APP_JAR_BUILT from ${BENCH_APP_COMMIT:-the working tree}"
  [ -n "${APP_WORKAROUND:-}" ] && echo "WORK-AROUND: $APP_WORKAROUND"
  echo "command: $COMMAND"
} | tee "$BENCH_RESULTS/b2-proxy.txt"
say "wrote $BENCH_RESULTS/b2-proxy.json and $BENCH_RESULTS/b2-proxy.txt in $(elapsed) s"

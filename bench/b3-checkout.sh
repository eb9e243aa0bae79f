#!/usr/bin/env bash
# B3 checkout (docs/contracts.md, "Benchmarks"), through the app (the proxy) with the checkout route NEW. Every
# shopper has its own session (signed up through /api/v1/auth/register, not timed: an Argon2 hash each), its own
# cart and its own Idempotency-Key.
#   plain     - SHOPPERS shoppers buy one unit each of the one SKU whose stock is STOCK, all at the same moment,
#               posting once and taking the answer
#   retrying  - the same, but clients give up after --client-timeout (doubled at each try, at most 30 s) and retry
#               with the same key (after a random back-off of up to 0.1 s x 2^tries, at most 2 s) until they get an
#               answer that is not 409 (in flight), as a browser or mobile app on a bad network would
#   many_skus - the plain burst with the shoppers spread over --skus SKUs with ample stock (--sku-stock each,
#               default 10x the shoppers per SKU): throughput when checkouts do not queue on one stock row
#   rate      - Gatling, open model: checkouts arrive at --rate per second whatever the latency; each takes a
#               signed-in session from a pool of --sessions (one virtual user per session at a time), adds one unit
#               of one of --skus SKUs (ample stock) to its cart and posts /api/v1/checkout with a fresh key;
#               --gatling-warmup seconds not counted, then --gatling-duration seconds measured: p50/p99/max, KO
# Afterwards the database is asked what really happened: units sold, orders per shopper.
#
#   bench/b3-checkout.sh [--shoppers 500] [--stock 100] [--latency 200ms] [--client-timeout 0.15] [--skus 50]
#                        [--sku-stock N] [--rate 20] [--sessions 200] [--gatling-warmup 10] [--gatling-duration 30]
#
# The retrying clients time out before the provider (--latency) answers, so every one of them retries at least once.
# Default run: about 5-8 minutes on the 2-core machine (about 1,400 registrations, then the Gatling window).
#
# Prints and writes bench/results/b3-checkout.json (stock, shoppers, orders_succeeded, oversold, duplicates,
# orders_per_s; retrying_* and many_skus_* the same per variant; checkout_rate, checkout_p50_ms, checkout_p99_ms,
# checkout_max_ms, checkout_ko, ...) and bench/results/b3-checkout.txt. oversold and duplicates must be 0.
# BENCH_RESULTS_DIR writes them elsewhere (trial runs).
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/lib.sh"
COMMAND=$(command_line bench/b3-checkout.sh "$@")

shoppers=500 stock=100 latency=200ms client_timeout=0.15 skus=50 sku_stock="" rate=20 sessions=200 gwarmup=10 gduration=30
while [ $# -gt 0 ]; do
  case $1 in
    --shoppers) shoppers=$2; shift 2;;
    --stock) stock=$2; shift 2;;
    --latency) latency=$2; shift 2;;
    --client-timeout) client_timeout=$2; shift 2;;
    --skus) skus=$2; shift 2;;
    --sku-stock) sku_stock=$2; shift 2;;
    --rate) rate=$2; shift 2;;
    --sessions) sessions=$2; shift 2;;
    --gatling-warmup) gwarmup=$2; shift 2;;
    --gatling-duration) gduration=$2; shift 2;;
    -h|--help) sed -n '2,27p' "$0"; exit 0;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2;;
  esac
done
[ -n "$sku_stock" ] || sku_stock=$(( 10 * ( (shoppers + skus - 1) / skus ) ))

app_port=${BENCH_B3_APP_PORT:-18390}
pg_port=${BENCH_B3_PG_PORT:-18393}
maria_port=${BENCH_B3_MARIADB_PORT:-18394}

bench_init b3-checkout
ensure_app_jar
start_private_postgres "$pg_port"
psql_q "CREATE DATABASE rf_bench_b3"
db() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d rf_bench_b3 -v ON_ERROR_STOP=1 -qAtc "$1"; }
start_private_mariadb "$maria_port"
mariadb_q "CREATE DATABASE rfb_b3_legacy"
mariadb -h127.0.0.1 -P"$maria_port" -uroot rfb_b3_legacy < "$ROOT_DIR/legacy-php/sql/schema.sql" || die "legacy schema failed"
legacy_db() { mariadb -h127.0.0.1 -P"$MARIADB_PORT" -uroot -N -B rfb_b3_legacy -e "$1"; }
# the demo profile (start_app's default) bootstraps the identity admin admin/admin that flips the route below
start_app "$app_port" "$BENCH_TMP/app.log" \
  RETAILFLOW_DB_PORT="$pg_port" RETAILFLOW_DB_NAME=rf_bench_b3 \
  LEGACY_DB_PORT="$maria_port" LEGACY_DB_NAME=rfb_b3_legacy \
  RETAILFLOW_BACKFILL_ON_START=false \
  RETAILFLOW_CHECKOUT_PAYMENT_SIMULATED_LATENCY="$latency"
base="http://127.0.0.1:$app_port"

curl -fsS -u admin:admin -X PUT -H 'Content-Type: application/json' "$base/admin/api/routes/checkout" \
  -d '{"mode":"NEW","percent":100,"reason":"B3 benchmark","force":true}' >/dev/null || die "could not flip checkout to NEW"

sku_of() { printf 'SKU-%06d' "$1"; }
# SKUs FIRST..FIRST+COUNT-1, each with STOCK units, written where a backfill from legacy would put them
seed() { # seed FIRST_PRODUCT_ID COUNT STOCK
  db "INSERT INTO catalog.category (id, name, slug, updated_at) VALUES (1, 'All', 'all', now()) ON CONFLICT DO NOTHING;
      INSERT INTO catalog.product (id, sku, category_id, name, price, currency, status, created_at, updated_at)
      SELECT id, 'SKU-' || lpad(id::text, 6, '0'), 1, 'B3 kettle ' || id, 19.99, 'USD', 'ACTIVE', now(), now()
      FROM generate_series($1, $1 + $2 - 1) id;
      INSERT INTO inventory.stock (sku, on_hand, updated_at)
      SELECT 'SKU-' || lpad(id::text, 6, '0'), $3, now() FROM generate_series($1, $1 + $2 - 1) id;"
}
wait_settled() {
  for _ in $(seq 1 60); do
    [ "$(db "SELECT count(*) FROM checkout.checkouts WHERE payment = 'PENDING' OR stock = 'HELD'")" = 0 ] && return 0; sleep 1
  done
}

# Which store holds the shoppers' carts (ADR 0057: a PHP session's cart is legacy's cart_items; API clients without
# one keep theirs in checkout.carts): counted once all carts of the first burst are filled, before anyone checks out.
cart_store=""
run_variant() { # run_variant NAME FIRST_PRODUCT_ID SKUS STOCK_PER_SKU RETRY(0|1)
  local name=$1 first=$2 count=$3 per_sku=$4 retry=$5
  local low high; low=$(sku_of "$first"); high=$(sku_of $(( first + count - 1 )))
  seed "$first" "$count" "$per_sku"
  say "$name: $shoppers shoppers sign up and fill their carts over $count SKU(s) of $per_sku units (not timed)"
  rm -f "$BENCH_TMP/$name.filled" "$BENCH_TMP/$name.go"
  taskset -c "$BENCH_LOADGEN_CPU" python3 - "$base" "$first" "$count" "$shoppers" "$retry" "$client_timeout" \
    "$BENCH_TMP/$name.json" "$BENCH_TMP/$name.filled" "$BENCH_TMP/$name.go" <<'PY' &
import json, os, random, sys, threading, time, uuid, http.cookiejar, urllib.request, urllib.error
from concurrent.futures import ThreadPoolExecutor
base, first, count, shoppers, retry, timeout, out, filled, go = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5] == "1", float(sys.argv[6]), sys.argv[7], sys.argv[8], sys.argv[9]

class Shopper:
    def __init__(self, product):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.key = str(uuid.uuid4())
        self.product = product
    def call(self, method, path, body=None, headers=None, timeout=60):
        req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
        req.add_header("Content-Type", "application/json")
        for k, v in (headers or {}).items(): req.add_header(k, v)
        try:
            with self.opener.open(req, timeout=timeout) as r: return r.status, r.read().decode()
        except urllib.error.HTTPError as e: return e.code, e.read().decode()
    def token(self):
        return json.loads(self.call("GET", "/api/v1/auth/csrf")[1])["token"]
    def prepare(self):
        s, b = self.call("POST", "/api/v1/auth/register", {"email": "b3-%s@example.com" % self.key, "name": "B3", "password": "secret-password"}, {"X-XSRF-TOKEN": self.token()})
        assert s == 201, (s, b)
        s, b = self.call("POST", "/api/v1/cart/lines", {"productId": self.product, "quantity": 1}, {"X-XSRF-TOKEN": self.token()})
        assert s == 200, (s, b)
        self.csrf = self.token()
    def checkout(self, start):
        start.wait()
        body = {"shipName": "B3", "shipAddress": "1 Main St", "shipCity": "Bench", "shipZip": "12345", "cardNumber": "4242424242424242", "expectedTotal": "19.99"}
        t0, tries = time.monotonic(), 0
        while True:
            tries += 1
            try:
                status, text = self.call("POST", "/api/v1/checkout", body, {"Idempotency-Key": self.key, "X-XSRF-TOKEN": self.csrf}, timeout=min(30.0, timeout * 2 ** (tries - 1)) if retry else 120)
            except Exception as e:
                # back off before the retry (full jitter, as clients should): retrying at once would keep the
                # server busy with requests nobody waits for, and every later try would time out as well
                if retry and tries < 50: time.sleep(random.uniform(0, min(2.0, 0.1 * 2 ** tries))); continue
                return {"status": -1, "error": str(e), "tries": tries, "seconds": time.monotonic() - t0}
            if retry and status == 409 and "in-flight" in text:
                time.sleep(0.2); continue
            order = json.loads(text).get("orderId") if status == 201 else None
            return {"status": status, "order": order, "tries": tries, "seconds": time.monotonic() - t0}

crowd = [Shopper(first + i % count) for i in range(shoppers)]
with ThreadPoolExecutor(16) as pool: list(pool.map(lambda s: s.prepare(), crowd))
open(filled, "w").close()
while not os.path.exists(go): time.sleep(0.1)
start = threading.Event()
results = [None] * shoppers
def run(i): results[i] = crowd[i].checkout(start)
threads = [threading.Thread(target=run, args=(i,)) for i in range(shoppers)]
for t in threads: t.start()
time.sleep(1); t0 = time.monotonic(); start.set()
for t in threads: t.join()
wall = time.monotonic() - t0
ok = [r for r in results if r["status"] == 201]
json.dump({"wall_s": wall, "succeeded": len(ok), "distinct_orders": len({r["order"] for r in ok}),
           "statuses": {str(s): sum(1 for r in results if r["status"] == s) for s in sorted({r["status"] for r in results})},
           "retries": sum(r["tries"] - 1 for r in results)}, open(out, "w"))
PY
  local client=$!
  while [ ! -e "$BENCH_TMP/$name.filled" ]; do
    kill -0 "$client" 2>/dev/null || { wait "$client" || true; die "$name: the shoppers could not sign up or fill their carts"; }
    sleep 0.5
  done
  if [ -z "$cart_store" ]; then
    cart_store="cart_items(legacy MariaDB)=$(legacy_db "SELECT count(DISTINCT session_id) FROM cart_items")"
    cart_store+=" checkout.carts=$(db "SELECT count(*) FROM checkout.carts c WHERE EXISTS (SELECT 1 FROM checkout.cart_lines l WHERE l.cart_id = c.id)")"
    say "carts of the $shoppers shoppers: $cart_store"
  fi
  touch "$BENCH_TMP/$name.go"
  wait "$client" || die "$name: the shoppers' client failed"
  wait_settled # what the database says, after the settlement listeners ran
  local in_range="l.sku BETWEEN '$low' AND '$high'" sold on_hand oversold dup_orders
  sold=$(db "SELECT coalesce(sum(l.quantity), 0) FROM orders.order_lines l JOIN orders.orders o ON o.id = l.order_id
             WHERE $in_range AND o.status IN ('PAID', 'SHIPPED', 'DELIVERED')")
  # units sold beyond each SKU's stock (on_hand cannot go below 0: a CHECK; this counts orders, not the stock row)
  oversold=$(db "SELECT coalesce(sum(greatest(0, sold - $per_sku)), 0) FROM (SELECT l.sku, sum(l.quantity) AS sold
                 FROM orders.order_lines l JOIN orders.orders o ON o.id = l.order_id
                 WHERE $in_range AND o.status IN ('PAID', 'SHIPPED', 'DELIVERED') GROUP BY l.sku) per_sku")
  on_hand=$(db "SELECT sum(on_hand) FROM inventory.stock WHERE sku BETWEEN '$low' AND '$high'")
  dup_orders=$(db "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(DISTINCT o.id) AS n FROM orders.orders o
                   JOIN orders.order_lines l ON l.order_id = o.id WHERE $in_range AND o.status <> 'CANCELLED'
                   GROUP BY o.account_id) per_shopper")
  python3 - "$BENCH_TMP/$name.json" "$per_sku" "$sold" "$on_hand" "$dup_orders" "$shoppers" "$oversold" >"$BENCH_TMP/$name.row" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); stock, sold, on_hand, dup, shoppers, oversold = (int(x) for x in sys.argv[2:8])
duplicates = dup + (r["succeeded"] - r["distinct_orders"])
print(stock, shoppers, r["succeeded"], oversold, duplicates, "%.1f" % (r["succeeded"] / r["wall_s"]), sold, on_hand, r["retries"],
      " ".join("%s:%s" % kv for kv in r["statuses"].items()))
PY
  cat "$BENCH_TMP/$name.row" >&2
}

run_variant plain 900001 1 "$stock" 0
read -r p_stock p_shoppers p_ok p_over p_dup p_rate p_sold p_onhand p_retries p_statuses <"$BENCH_TMP/plain.row"
run_variant retrying 900002 1 "$stock" 1
read -r r_stock r_shoppers r_ok r_over r_dup r_rate r_sold r_onhand r_retries r_statuses <"$BENCH_TMP/retrying.row"
run_variant many_skus 910001 "$skus" "$sku_stock" 0
read -r m_stock m_shoppers m_ok m_over m_dup m_rate m_sold m_onhand m_retries m_statuses <"$BENCH_TMP/many_skus.row"

# ------------------------------------------------------------------ rate: p99 at a constant arrival rate (Gatling)
# ample stock: every arrival of the warm-up and the window can buy, whatever SKU it picks
rate_first=920001 rate_stock=$(python3 -c "import math; print(math.ceil($rate * ($gwarmup + $gduration)) + 100)")
seed "$rate_first" "$skus" "$rate_stock"
seq "$rate_first" $(( rate_first + skus - 1 )) >"$BENCH_TMP/rate-ids.txt"
say "rate: $sessions shoppers sign up for the session pool (not timed)"
taskset -c "$BENCH_LOADGEN_CPU" python3 - "$base" "$sessions" "$BENCH_TMP/rate-sessions.tsv" <<'PY' || die "the session pool could not be prepared"
import json, sys, uuid, http.cookiejar, urllib.request
from concurrent.futures import ThreadPoolExecutor
base, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def session(_):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    def call(method, path, body=None, token=None):
        req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
        req.add_header("Content-Type", "application/json")
        if token: req.add_header("X-XSRF-TOKEN", token)
        with opener.open(req, timeout=60) as r: return r.status, r.read().decode()
    token = lambda: json.loads(call("GET", "/api/v1/auth/csrf")[1])["token"]
    status, _ = call("POST", "/api/v1/auth/register", {"email": "b3-rate-%s@example.com" % uuid.uuid4(), "name": "B3", "password": "secret-password"}, token())
    assert status == 201, status
    csrf = token()
    return {c.name: c.value for c in jar}, csrf
with ThreadPoolExecutor(16) as pool: pooled = list(pool.map(session, range(n)))
names = sorted(pooled[0][0])
assert all(sorted(c) == names for c, _ in pooled), "the sessions do not all carry the same cookies"
with open(out, "w") as f:
    f.write("\t".join(names + ["csrf"]) + "\n")
    for cookies, csrf in pooled: f.write("\t".join([cookies[n] for n in names] + [csrf]) + "\n")
print("session cookies: " + " ".join(names), file=sys.stderr)
PY
say "rate: $rate checkouts/s, ${gwarmup}s warm-up then ${gduration}s measured (Gatling, open model)"
cpu0=$(cpu_snapshot)
GATLING_ARGS="-Dgatling.simulationClass=retailflow.bench.CheckoutRate -Dbase=$base -Dsessions=$BENCH_TMP/rate-sessions.tsv -Dprice=19.99 -Dout=$BENCH_TMP/rate-pool.tsv" \
  run_gatling b3-rate "$rate" "$gduration" "$gwarmup" "$BENCH_TMP/rate-ids.txt" "" ""
cpu1=$(cpu_snapshot)
read -r fg_lg fg_srv <<<"$(foreign_cpu "$cpu0" "$cpu1" $(( gwarmup + gduration )))"
c_p50=$(gatling_field b3-rate checkout p50); c_p99=$(gatling_field b3-rate checkout p99)
c_max=$(gatling_field b3-rate checkout max); c_ko=$(gatling_field b3-rate checkout ko)
c_count=$(gatling_field b3-rate checkout count); a_ko=$(gatling_field b3-rate "add line" ko)
no_free=$(awk -F'\t' '$1 == "no_free_session" {print $2}' "$BENCH_TMP/rate-pool.tsv")
wait_settled
rate_orders=$(db "SELECT count(DISTINCT o.id) FROM orders.orders o JOIN orders.order_lines l ON l.order_id = o.id
                  WHERE l.sku BETWEEN '$(sku_of $rate_first)' AND '$(sku_of $(( rate_first + skus - 1 )))' AND o.status = 'PAID'")
say "rate: checkout p50 ${c_p50} ms, p99 ${c_p99} ms, max ${c_max} ms, KO ${c_ko}/${c_count}; paid orders $rate_orders"

commit=$(git -C "$ROOT_DIR" rev-parse HEAD)
write_json "$BENCH_RESULTS/b3-checkout.json" \
  stock="$p_stock" shoppers="$p_shoppers" orders_succeeded="$p_ok" oversold="$p_over" duplicates="$p_dup" orders_per_s="$p_rate" \
  retrying_stock="$r_stock" retrying_shoppers="$r_shoppers" retrying_orders_succeeded="$r_ok" retrying_oversold="$r_over" \
  retrying_duplicates="$r_dup" retrying_orders_per_s="$r_rate" retrying_retries="$r_retries" \
  many_skus_skus="$skus" many_skus_stock_per_sku="$m_stock" many_skus_shoppers="$m_shoppers" \
  many_skus_orders_succeeded="$m_ok" many_skus_oversold="$m_over" many_skus_duplicates="$m_dup" many_skus_orders_per_s="$m_rate" \
  checkout_rate="$rate" checkout_warmup_s="$gwarmup" checkout_duration_s="$gduration" checkout_sessions="$sessions" \
  checkout_count="$c_count" checkout_p50_ms="$c_p50" checkout_p99_ms="$c_p99" checkout_max_ms="$c_max" checkout_ko="$c_ko" \
  checkout_add_line_ko="$a_ko" checkout_no_free_session="$no_free" checkout_paid_orders="$rate_orders" \
  other_processes_cpu_pct_loadgen_core_gatling="$fg_lg" other_processes_cpu_pct_server_core_gatling="$fg_srv" \
  cart_store="$cart_store" payment_latency="$latency" client_timeout_s="$client_timeout" \
  app_jar_source="$APP_JAR_SOURCE" app_jar_built="$APP_JAR_BUILT" app_jar_commit="${BENCH_APP_COMMIT:-}" \
  date="$(date -u +%Y-%m-%dT%H:%M:%SZ)" commit="$commit" command="$COMMAND" machine="$(machine_string)" \
  notes="plain: one POST per shopper; retrying: client timeout ${client_timeout}s, retried with the same Idempotency-Key; many_skus: the plain burst over $skus SKUs of $m_stock units each. Sold units and duplicates counted in PostgreSQL after settlement. checkout_*: Gatling open model at checkout_rate arrivals/s, each adding one line to a pooled signed-in session's cart then POST /api/v1/checkout (fresh key); latency of the checkout POST alone, whole ms, window after the warm-up; KO = not 201. statuses plain: $p_statuses; retrying: $r_statuses; many_skus: $m_statuses"
{
  echo "B3 checkout — $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $commit"
  printf '%-9s %5s %6s %9s %17s %9s %11s %13s\n' variant skus stock shoppers orders_succeeded oversold duplicates orders_per_s
  printf '%-9s %5s %6s %9s %17s %9s %11s %13s\n' plain 1 "$p_stock" "$p_shoppers" "$p_ok" "$p_over" "$p_dup" "$p_rate"
  printf '%-9s %5s %6s %9s %17s %9s %11s %13s\n' retrying 1 "$r_stock" "$r_shoppers" "$r_ok" "$r_over" "$r_dup" "$r_rate"
  printf '%-9s %5s %6s %9s %17s %9s %11s %13s\n' many_skus "$skus" "$m_stock" "$m_shoppers" "$m_ok" "$m_over" "$m_dup" "$m_rate"
  echo "answers plain: $p_statuses; retrying: $r_statuses (retries: $r_retries); many_skus: $m_statuses; payment latency $latency"
  echo "checkout at $rate/s (Gatling, open model, ${gduration}s after ${gwarmup}s warm-up, $sessions pooled sessions over $skus SKUs):"
  echo "  p50 ${c_p50} ms  p99 ${c_p99} ms  max ${c_max} ms  KO ${c_ko} of ${c_count}  (add line KO ${a_ko}, no free session ${no_free}, paid orders ${rate_orders})"
  echo "carts: $cart_store"
  echo "command: $COMMAND"
} | tee "$BENCH_RESULTS/b3-checkout.txt"

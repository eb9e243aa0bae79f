#!/usr/bin/env bash
# B3 checkout under contention (docs/contracts.md, "Benchmarks"): SHOPPERS concurrent shoppers, each with its own
# session (signed up through /api/v1/auth/register), its own cart and its own Idempotency-Key, all buying one unit of
# the one SKU whose stock is STOCK, at the same moment, through the app (the proxy) with the checkout route NEW.
#   plain    - every shopper posts once and takes the answer
#   retrying - clients give up after --client-timeout and retry with the same key until they get an answer that is
#              not 409 (in flight), as a browser or mobile app on a bad network would
# Afterwards the database is asked what really happened: units sold, orders per shopper.
#
#   bench/b3-checkout.sh [--shoppers 500] [--stock 100] [--latency 200ms] [--client-timeout 0.15]
#
# The retrying clients time out before the provider (--latency) answers, so every one of them retries at least once.
#
# Prints and writes bench/results/b3-checkout.json (stock, shoppers, orders_succeeded, oversold, duplicates,
# orders_per_s, per variant) and bench/results/b3-checkout.txt. oversold and duplicates must be 0.
# Not measured here yet: p99 at a constant arrival rate (Gatling) and the many-SKU throughput table.
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/lib.sh"
COMMAND=$(command_line bench/b3-checkout.sh "$@")

shoppers=500 stock=100 latency=200ms client_timeout=0.15
while [ $# -gt 0 ]; do
  case $1 in
    --shoppers) shoppers=$2; shift 2;;
    --stock) stock=$2; shift 2;;
    --latency) latency=$2; shift 2;;
    --client-timeout) client_timeout=$2; shift 2;;
    -h|--help) sed -n '2,16p' "$0"; exit 0;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2;;
  esac
done

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
start_app "$app_port" "$BENCH_TMP/app.log" \
  RETAILFLOW_DB_PORT="$pg_port" RETAILFLOW_DB_NAME=rf_bench_b3 \
  LEGACY_DB_PORT="$maria_port" LEGACY_DB_NAME=rfb_b3_legacy \
  RETAILFLOW_BACKFILL_ON_START=false \
  RETAILFLOW_CHECKOUT_PAYMENT_SIMULATED_LATENCY="$latency"
base="http://127.0.0.1:$app_port"

curl -fsS -u admin:admin -X PUT -H 'Content-Type: application/json' "$base/admin/api/routes/checkout" \
  -d '{"mode":"NEW","percent":100,"reason":"B3 benchmark","force":true}' >/dev/null || die "could not flip checkout to NEW"

# one SKU per variant, each with the same stock, written where a backfill from legacy would put it
seed() { # seed PRODUCT_ID
  local sku; sku=$(printf 'SKU-%06d' "$1")
  db "INSERT INTO catalog.category (id, name, slug, updated_at) VALUES (1, 'All', 'all', now()) ON CONFLICT DO NOTHING;
      INSERT INTO catalog.product (id, sku, category_id, name, price, currency, status, created_at, updated_at)
      VALUES ($1, '$sku', 1, 'B3 kettle $1', 19.99, 'USD', 'ACTIVE', now(), now());
      INSERT INTO inventory.stock (sku, on_hand, updated_at) VALUES ('$sku', $stock, now());"
}

run_variant() { # run_variant NAME PRODUCT_ID RETRY(0|1)
  local name=$1 product=$2 retry=$3 sku; sku=$(printf 'SKU-%06d' "$product")
  seed "$product"
  say "$name: $shoppers shoppers sign up and fill their carts (not timed)"
  taskset -c "$BENCH_LOADGEN_CPU" python3 - "$base" "$product" "$shoppers" "$retry" "$client_timeout" \
    "$BENCH_TMP/$name.json" <<'PY'
import json, sys, threading, time, uuid, http.cookiejar, urllib.request, urllib.error
from concurrent.futures import ThreadPoolExecutor
base, product, shoppers, retry, timeout, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1", float(sys.argv[5]), sys.argv[6]

class Shopper:
    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.key = str(uuid.uuid4())
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
        s, b = self.call("POST", "/api/v1/cart/lines", {"productId": product, "quantity": 1}, {"X-XSRF-TOKEN": self.token()})
        assert s == 200, (s, b)
        self.csrf = self.token()
    def checkout(self, start):
        start.wait()
        body = {"shipName": "B3", "shipAddress": "1 Main St", "shipCity": "Bench", "shipZip": "12345", "cardNumber": "4242424242424242", "expectedTotal": "19.99"}
        t0, tries = time.monotonic(), 0
        while True:
            tries += 1
            try:
                status, text = self.call("POST", "/api/v1/checkout", body, {"Idempotency-Key": self.key, "X-XSRF-TOKEN": self.csrf}, timeout=timeout if retry else 120)
            except Exception as e:
                if retry and tries < 50: continue
                return {"status": -1, "error": str(e), "tries": tries, "seconds": time.monotonic() - t0}
            if retry and status == 409 and "in-flight" in text:
                time.sleep(0.2); continue
            order = json.loads(text).get("orderId") if status == 201 else None
            return {"status": status, "order": order, "tries": tries, "seconds": time.monotonic() - t0}

crowd = [Shopper() for _ in range(shoppers)]
with ThreadPoolExecutor(16) as pool: list(pool.map(lambda s: s.prepare(), crowd))
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
  # what the database says, after the settlement listeners ran
  for _ in $(seq 1 60); do
    [ "$(db "SELECT count(*) FROM checkout.checkouts WHERE payment = 'PENDING' OR stock = 'HELD'")" = 0 ] && break; sleep 1
  done
  local sold on_hand dup_orders
  sold=$(db "SELECT coalesce(sum(l.quantity), 0) FROM orders.order_lines l JOIN orders.orders o ON o.id = l.order_id
             WHERE l.sku = '$sku' AND o.status IN ('PAID', 'SHIPPED', 'DELIVERED')")
  on_hand=$(db "SELECT on_hand FROM inventory.stock WHERE sku = '$sku'")
  dup_orders=$(db "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM orders.orders o
                   JOIN orders.order_lines l ON l.order_id = o.id WHERE l.sku = '$sku' AND o.status <> 'CANCELLED'
                   GROUP BY o.account_id) per_shopper")
  python3 - "$BENCH_TMP/$name.json" "$stock" "$sold" "$on_hand" "$dup_orders" "$shoppers" >"$BENCH_TMP/$name.row" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); stock, sold, on_hand, dup, shoppers = (int(x) for x in sys.argv[2:7])
oversold = max(0, sold - stock)  # units sold beyond the stock; on_hand cannot go below 0 (a CHECK)
duplicates = dup + (r["succeeded"] - r["distinct_orders"])
print(stock, shoppers, r["succeeded"], oversold, duplicates, "%.1f" % (r["succeeded"] / r["wall_s"]), sold, on_hand, r["retries"],
      " ".join("%s:%s" % kv for kv in r["statuses"].items()))
PY
  cat "$BENCH_TMP/$name.row" >&2
}

run_variant plain 900001 0
read -r p_stock p_shoppers p_ok p_over p_dup p_rate p_sold p_onhand p_retries p_statuses <"$BENCH_TMP/plain.row"
run_variant retrying 900002 1
read -r r_stock r_shoppers r_ok r_over r_dup r_rate r_sold r_onhand r_retries r_statuses <"$BENCH_TMP/retrying.row"

commit=$(git -C "$ROOT_DIR" rev-parse HEAD)
write_json "$BENCH_RESULTS/b3-checkout.json" \
  stock="$p_stock" shoppers="$p_shoppers" orders_succeeded="$p_ok" oversold="$p_over" duplicates="$p_dup" orders_per_s="$p_rate" \
  retrying_stock="$r_stock" retrying_shoppers="$r_shoppers" retrying_orders_succeeded="$r_ok" retrying_oversold="$r_over" \
  retrying_duplicates="$r_dup" retrying_orders_per_s="$r_rate" retrying_retries="$r_retries" \
  payment_latency="$latency" client_timeout_s="$client_timeout" \
  date="$(date -u +%Y-%m-%dT%H:%M:%SZ)" commit="$commit" command="$COMMAND" machine="$(machine_string)" \
  notes="plain: one POST per shopper; retrying: client timeout ${client_timeout}s, retried with the same Idempotency-Key. Sold units and duplicates counted in PostgreSQL after settlement. statuses plain: $p_statuses; retrying: $r_statuses"
{
  echo "B3 checkout under contention — $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $commit"
  printf '%-9s %6s %9s %17s %9s %11s %13s\n' variant stock shoppers orders_succeeded oversold duplicates orders_per_s
  printf '%-9s %6s %9s %17s %9s %11s %13s\n' plain "$p_stock" "$p_shoppers" "$p_ok" "$p_over" "$p_dup" "$p_rate"
  printf '%-9s %6s %9s %17s %9s %11s %13s\n' retrying "$r_stock" "$r_shoppers" "$r_ok" "$r_over" "$r_dup" "$r_rate"
  echo "answers plain: $p_statuses; retrying: $r_statuses (retries: $r_retries); payment latency $latency"
  echo "command: $COMMAND"
} | tee "$BENCH_RESULTS/b3-checkout.txt"

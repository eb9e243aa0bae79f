#!/usr/bin/env bash
# End-to-end smoke test of the legacy shop with bash + curl.
# Starts run.sh against a fresh database (dropped before and after), walks the
# shopper journey (home, category, search, product, cart, register, sign in,
# checkout, account, order), checks bad input gives 4xx pages and that no PHP
# warning/notice text ever shows, and stops everything it started.
#   LEGACY_SMOKE_DB=legacy_smoke LEGACY_SMOKE_PORT=18089 LEGACY_SMOKE_PRODUCTS=2000 ./smoke.sh
# Prints "N passed, N failed" last; exits non-zero on any failure.
set -uo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
export LEGACY_DB_NAME="${LEGACY_SMOKE_DB:-legacy_smoke}"
export LEGACY_PORT="${LEGACY_SMOKE_PORT:-18089}"
export LEGACY_PRODUCTS="${LEGACY_SMOKE_PRODUCTS:-2000}"
export LEGACY_DEBUG=1
. "$HERE/lib.sh"
set +e

BASE="http://127.0.0.1:$LEGACY_PORT"
WORK="$(mktemp -d)"
JAR="$WORK/cookies"
SERVER_PID=""
PASSED=0
FAILED=0

cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill -TERM -- "-$SERVER_PID" 2>/dev/null
    for _ in $(seq 1 20); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$SERVER_PID" 2>/dev/null
  fi
  php "$HERE/seed.php" --drop --db="$LEGACY_DB_NAME" >/dev/null 2>&1
  if [ "$FAILED" -gt 0 ] && [ -f "$WORK/server.log" ]; then
    echo "--- server log (last 40 lines) ---"; tail -40 "$WORK/server.log"
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ok()   { PASSED=$((PASSED + 1)); echo "ok   $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL $*"; }
check() { local what="$1"; shift; if "$@"; then ok "$what"; else fail "$what"; fi; }

# req METHOD PATH [curl args...]: sets STATUS, BODY (file), HDRS (file); fails on PHP error text
N=0
req() {
  local method="$1" path="$2"; shift 2
  N=$((N + 1))
  BODY="$WORK/body.$N"; HDRS="$WORK/headers.$N"
  STATUS="$(curl -s -X "$method" -b "$JAR" -c "$JAR" -D "$HDRS" -o "$BODY" -w '%{http_code}' "$@" "$BASE$path")"
  if grep -qiE '(warning|notice|deprecated|fatal error|parse error|stack trace)[: ]' "$BODY"; then
    fail "$method $path shows PHP error text"
  fi
}
get()  { req GET "$@"; }
post() { local p="$1"; shift; req POST "$p" "$@"; }
has()  { grep -qF -- "$1" "$BODY"; }
hasnt() { ! grep -qF -- "$1" "$BODY"; }
status_is() { [ "$STATUS" = "$1" ]; }
location_is() { grep -qiE "^Location: $(printf '%s' "$1" | sed 's/[.?*+^$]/\\&/g')"$'\r'"?\$" "$HDRS"; }
csrf() { grep -o 'name="csrf" value="[^"]*"' "$BODY" | head -1 | sed 's/.*value="//; s/"$//'; }
set_cookie_count() { grep -ci '^Set-Cookie:' "$HDRS"; }
sql() {
  php -r '$l = new mysqli(getenv("LEGACY_DB_HOST"), getenv("LEGACY_DB_USER"), (string) getenv("LEGACY_DB_PASSWORD"), getenv("LEGACY_DB_NAME"), (int) getenv("LEGACY_DB_PORT"));
          $l->set_charset("utf8mb4"); $r = $l->query($argv[1]); $row = $r->fetch_row(); echo $row[0];' "$1"
}

echo "== legacy shop smoke test: database $LEGACY_DB_NAME, $BASE"
legacy_ensure_packages
legacy_ensure_mariadb
legacy_port_open 127.0.0.1 "$LEGACY_PORT" && { echo "port $LEGACY_PORT is already in use"; FAILED=1; exit 1; }
php "$HERE/seed.php" --drop --db="$LEGACY_DB_NAME" >/dev/null || exit 1

setsid "$HERE/run.sh" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 240); do
  legacy_port_open 127.0.0.1 "$LEGACY_PORT" && break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.5
done
if ! legacy_port_open 127.0.0.1 "$LEGACY_PORT"; then
  fail "the shop did not start"; cat "$WORK/server.log"; echo "$PASSED passed, $FAILED failed"; exit 1
fi
ok "shop started (seeded $LEGACY_PRODUCTS products)"

# --- browsing ---
get /
check "home 200" status_is 200
check "home has site name and categories" has '<a class="logo" href="/">RetailFlow Shop</a>'
check "home has featured products" has 'Featured products'
check "home has search form" has '<form class="search-form" action="/search.php" method="get">'
check "home has page-generated footer" has 'Page generated at '
check "home sets the session cookie" grep -qi '^Set-Cookie: PHPSESSID=.*; path=/; HttpOnly' "$HDRS"

get '/category.php?id=1'
check "category 200" status_is 200
check "category lists product cards" has 'class="product-card"'
check "category has a pager" has 'Page 1 of'
get '/category.php?id=44&page=2'
check "category page 2 200" status_is 200
check "category page 2 says so" has 'Page 2 of'

get '/search.php?q=caf%C3%A9+cr%C3%A8me'
check "search 200" status_is 200
check "search finds the latin1 product (UTF-8 on screen)" has 'Café Crème Espresso Beans 1 kg'

get '/product.php?id=1'
check "product 200" status_is 200
check "product name" has '<h1 class="product-name">Café Crème Espresso Beans 1 kg</h1>'
check "product price" has '<p class="price">$14.99</p>'
check "product in stock" has '<p class="stock in-stock">In stock</p>'
check "product has add-to-cart form" has '<form class="add-to-cart" method="post" action="/cart.php">'
TOKEN="$(csrf)"
check "product form carries a csrf token" test -n "$TOKEN"
get '/product.php?id=12'
check "low stock product says Only 3 left" has 'Only 3 left'
get '/product.php?id=11'
check "out-of-stock product says so and has no form" bash -c "grep -qF 'Out of stock' '$BODY' && ! grep -qF 'add-to-cart' '$BODY'"

# --- bad input ---
get '/product.php?id=abc';        check "product id=abc -> 404" status_is 404
check "404 page is readable" has 'Product not found'
get '/product.php?id=999999999';  check "product id=999999999 -> 404" status_is 404
get '/product.php?id=14';         check "hidden product -> 404" status_is 404
get '/category.php?id=1&page=-1'; check "page=-1 -> 400" status_is 400
get '/category.php?id=1&page=9999'; check "page past the end -> 404" status_is 404
get '/search.php?q=';             check "empty search -> 400" status_is 400
post /cart.php --data-urlencode action=add --data-urlencode product_id=1 --data-urlencode qty=1 --data-urlencode csrf=wrong
check "wrong csrf -> 400" status_is 400
get '/order.php?id=1';            check "order page needs sign-in" status_is 302

# --- registration (then sign out again) ---
EMAIL="smoke-$$-$RANDOM@example.com"
get /register.php
post /register.php --data-urlencode "csrf=$(csrf)" --data-urlencode "email=$EMAIL" \
  --data-urlencode 'password=smoke1234' --data-urlencode 'name=Zoë Smoke'
check "register redirects to the account" bash -c "[ '$STATUS' = 302 ] && grep -qi '^Location: http://127.0.0.1:$LEGACY_PORT/account.php' '$HDRS'"
get /account.php
check "new account page greets the customer" has 'Hi, Zoë Smoke'
get /register.php
post /register.php --data-urlencode "csrf=$(csrf)" --data-urlencode "email=$EMAIL" \
  --data-urlencode 'password=smoke1234' --data-urlencode 'name=Again'
check "duplicate e-mail shows an error" bash -c "[ '$STATUS' = 200 ] && grep -qF 'already exists' '$BODY'"
get /logout.php
check "sign out redirects home" bash -c "[ '$STATUS' = 302 ] && grep -qi '^Location: http://127.0.0.1:$LEGACY_PORT/' '$HDRS'"
get /
check "signed out: header shows Sign in" has '<a href="/login.php">Sign in</a>'

# --- cart (anonymous) ---
get '/product.php?id=1'
TOKEN="$(csrf)"
post /cart.php --data-urlencode action=add --data-urlencode product_id=1 --data-urlencode qty=2 --data-urlencode "csrf=$TOKEN"
check "add to cart -> 302" status_is 302
check "redirect Location is absolute, built from Host" location_is "http://127.0.0.1:$LEGACY_PORT/cart.php"
get /cart.php
check "cart shows the product" has 'Café Crème Espresso Beans 1 kg'
check "cart count in header" has '<span class="cart-count">2</span>'
check "cart subtotal" has '$29.98'
post /cart.php --data-urlencode action=update --data-urlencode 'qty[1]=3' --data-urlencode "csrf=$TOKEN"
check "update cart -> 302" status_is 302
get /cart.php
check "updated quantity" has '<span class="cart-count">3</span>'
check "updated subtotal" has '$44.97'
post /cart.php --data-urlencode action=add --data-urlencode product_id=2 --data-urlencode qty=1 --data-urlencode "csrf=$TOKEN"
post /cart.php --data-urlencode action=remove --data-urlencode product_id=2 --data-urlencode "csrf=$TOKEN"
check "remove -> 302" status_is 302
get /cart.php
check "removed product is gone" hasnt 'href="/product.php?id=2"'
post /cart.php --data-urlencode action=update --data-urlencode 'qty[1]=-5' --data-urlencode "csrf=$TOKEN"
check "negative quantity -> 400" status_is 400

# --- checkout needs sign-in; sign in keeps the cart ---
get /checkout.php
check "checkout redirects to login with next" location_is "http://127.0.0.1:$LEGACY_PORT/login.php?next=%2Fcheckout.php"
get '/login.php?next=%2Fcheckout.php'
post /login.php --data-urlencode "csrf=$(csrf)" --data-urlencode "email=$EMAIL" --data-urlencode 'password=wrong' --data-urlencode 'next=/checkout.php'
check "wrong password shows an error" bash -c "[ '$STATUS' = 200 ] && grep -qF 'not correct' '$BODY'"
post /login.php --data-urlencode "csrf=$(csrf)" --data-urlencode "email=$EMAIL" --data-urlencode 'password=smoke1234' --data-urlencode 'next=/checkout.php'
check "sign in redirects to next" location_is "http://127.0.0.1:$LEGACY_PORT/checkout.php"
check "sign in sets several cookies (session, remember_email, last_login)" bash -c "
  grep -qi '^Set-Cookie: PHPSESSID=' '$HDRS' && grep -qi '^Set-Cookie: remember_email=' '$HDRS' && grep -qi '^Set-Cookie: last_login=' '$HDRS'"
get /checkout.php
check "checkout form shown" has '<form class="checkout-form" method="post" action="/checkout.php">'
check "cart survived sign-in" has '3 &times; Café Crème Espresso Beans 1 kg'
TOKEN="$(csrf)"
STOCK_BEFORE="$(sql 'SELECT qty FROM stock WHERE product_id = 1')"
ship=(--data-urlencode 'ship_name=Zoë Smoke' --data-urlencode 'ship_address=1 Rue de la Paix' --data-urlencode 'ship_city=Besançon' --data-urlencode 'ship_zip=25000')
post /checkout.php --data-urlencode "csrf=$TOKEN" "${ship[@]}" --data-urlencode card_number=4242424242424241 \
  --data-urlencode card_expiry=12/30 --data-urlencode card_cvc=123
check "bad card number shows a visible error" bash -c "[ '$STATUS' = 200 ] && grep -qF 'The card number is not valid.' '$BODY'"
check "failed checkout left stock alone" test "$(sql 'SELECT qty FROM stock WHERE product_id = 1')" = "$STOCK_BEFORE"
post /checkout.php --data-urlencode "csrf=$TOKEN" "${ship[@]}" --data-urlencode 'card_number=4242 4242 4242 4242' \
  --data-urlencode card_expiry=12/30 --data-urlencode card_cvc=123
check "checkout -> 302 to the order" bash -c "[ '$STATUS' = 302 ] && grep -qiE '^Location: http://127.0.0.1:$LEGACY_PORT/order.php\\?id=[0-9]+' '$HDRS'"
ORDER_ID="$(grep -i '^Location:' "$HDRS" | sed 's/.*id=\([0-9]*\).*/\1/')"
check "stock went down by 3" test "$(sql 'SELECT qty FROM stock WHERE product_id = 1')" = "$((STOCK_BEFORE - 3))"
check "order stored as paid with its total" test "$(sql "SELECT CONCAT(status, ' ', total) FROM orders WHERE id = ${ORDER_ID:-0}")" = "1 44.97"
check "latin1 name copied into order_items" test "$(sql "SELECT name FROM order_items WHERE order_id = ${ORDER_ID:-0}")" = "Café Crème Espresso Beans 1 kg"
get "/order.php?id=$ORDER_ID"
check "order page 200" status_is 200
check "order page thanks the shopper" has "Thank you! Your order #$ORDER_ID has been placed."
check "order page shows the total" has '<th class="num order-total">$44.97</th>'
check "order page shows the address" has 'Besançon'
get /cart.php
check "cart is empty after checkout" has 'Your cart is empty.'
get /account.php
check "account lists the order" has "<a href=\"/order.php?id=$ORDER_ID\">#$ORDER_ID</a>"
check "account shows status Paid" has '>Paid</span>'
get '/order.php?id=1'
check "someone else's order -> 404" status_is 404

# --- demo account ---
get /logout.php
get /login.php
post /login.php --data-urlencode "csrf=$(csrf)" --data-urlencode email=demo@example.com --data-urlencode password=demo1234
check "demo sign-in -> 302 /account.php" location_is "http://127.0.0.1:$LEGACY_PORT/account.php"
get /account.php
check "demo has order history" has 'Delivered'

# --- debug echo ---
post '/_debug/echo.php?cookies=3&x=1' -H 'X-Test: yes' --data-binary 'a=1&b=%C3%A9'
check "echo 200" status_is 200
check "echo sends 3 Set-Cookie headers" test "$(set_cookie_count)" = 3
check "echo reports method and header" bash -c "grep -qF '\"method\": \"POST\"' '$BODY' && grep -qF '\"X-Test\": \"yes\"' '$BODY'"
check "echo reports the raw body" has "\"body_base64\": \"$(printf 'a=1&b=%%C3%%A9' | base64)\""

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]

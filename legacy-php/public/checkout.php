<?php
/*
 * checkout.php - shipping address + (fake) card, then the order.
 * Needs a signed-in customer (else 302 to /login.php?next=/checkout.php).
 * POST fields: csrf, ship_name, ship_address, ship_city, ship_zip,
 *              card_number, card_expiry (MM/YY), card_cvc
 * Test cards: 4242424242424242 is accepted, 4000000000000002 is declined,
 * anything failing the Luhn check is rejected with a visible error.
 * Validation errors re-render the form with status 200 (2018 style).
 * The fake payment gateway takes LEGACY_PAYMENT_DELAY_MS (default 100) ms.
 */
require __DIR__ . '/../inc/bootstrap.php';

$customer_id = require_login();
$sid = session_id();

function load_cart_lines($sid)
{
    return db_all(
        'SELECT c.product_id, c.qty, p.name, p.price, p.status FROM cart_items c '
        . 'JOIN products p ON p.id = c.product_id WHERE c.session_id = ? ORDER BY c.id',
        array($sid)
    );
}

function luhn_ok($digits)
{
    $sum = 0;
    $alt = false;
    for ($i = strlen($digits) - 1; $i >= 0; $i--) {
        $d = (int) $digits[$i];
        if ($alt) {
            $d *= 2;
            if ($d > 9) {
                $d -= 9;
            }
        }
        $sum += $d;
        $alt = !$alt;
    }
    return $sum % 10 === 0;
}

$fields = array('ship_name' => 100, 'ship_address' => 255, 'ship_city' => 100, 'ship_zip' => 20,
    'card_number' => 30, 'card_expiry' => 7, 'card_cvc' => 4);
$form = array_fill_keys(array_keys($fields), '');
$form['ship_name'] = isset($_SESSION['customer_name']) ? (string) $_SESSION['customer_name'] : '';
$errors = array();
$lines = load_cart_lines($sid);

if (is_post()) {
    require_csrf();
    foreach ($fields as $f => $max) {
        $v = param_str($_POST, $f);
        if ($v === false) {
            render_error(400, 'Bad request', 'The checkout form could not be read.');
        }
        $form[$f] = trim($v);
    }
    if (!$lines) {
        flash('error', 'Your cart is empty.');
        redirect('/cart.php');
    }
    $labels = array('ship_name' => 'Name', 'ship_address' => 'Address', 'ship_city' => 'City', 'ship_zip' => 'Postcode',
        'card_number' => 'Card number', 'card_expiry' => 'Expiry date', 'card_cvc' => 'Security code');
    foreach ($fields as $f => $max) {
        if ($form[$f] === '') {
            $errors[] = $labels[$f] . ' is required.';
        } elseif (mb_strlen($form[$f]) > $max) {
            $errors[] = $labels[$f] . ' is too long.';
        }
    }
    $card = preg_replace('/[\s-]+/', '', $form['card_number']);
    if ($form['card_number'] !== '' && (!preg_match('/^[0-9]{12,19}$/', $card) || !luhn_ok($card))) {
        $errors[] = 'The card number is not valid.';
    }
    if ($form['card_expiry'] !== '') {
        if (!preg_match('#^(0[1-9]|1[0-2])\s*/\s*([0-9]{2}|[0-9]{4})$#', $form['card_expiry'], $m)) {
            $errors[] = 'The expiry date must look like MM/YY.';
        } else {
            $year = strlen($m[2]) === 2 ? 2000 + (int) $m[2] : (int) $m[2];
            if ($year * 100 + (int) $m[1] < (int) date('Ym')) {
                $errors[] = 'The card has expired.';
            }
        }
    }
    if ($form['card_cvc'] !== '' && !preg_match('/^[0-9]{3,4}$/', $form['card_cvc'])) {
        $errors[] = 'The security code must be 3 or 4 digits.';
    }
    foreach ($lines as $l) {
        if ((int) $l['status'] !== 1) {
            $errors[] = $l['name'] . ' is no longer available. Please remove it from your cart.';
        }
    }

    if (!$errors) {
        // 1. Check the stock. KNOWN LEGACY BUG (kept on purpose, bench B3
        //    measures it): read-then-write. The quantity is read here without
        //    any lock, the card is charged (which takes a while), and only then
        //    is the quantity computed here in PHP written back in step 3.
        //    Shoppers checking out the same product at the same time all read
        //    the same old quantity, all pass the check, and each UPDATE
        //    overwrites the others: the product is oversold and the stock
        //    count is wrong. (The fix would be
        //    UPDATE stock SET qty = qty - n WHERE product_id = ? AND qty >= n.)
        $stock_read = array();
        foreach ($lines as $l) {
            $have = db_value('SELECT qty FROM stock WHERE product_id = ?', array((int) $l['product_id']));
            $have = $have === null ? 0 : (int) $have;
            $stock_read[(int) $l['product_id']] = $have;
            if ($have < (int) $l['qty']) {
                $errors[] = $have > 0
                    ? 'Sorry, only ' . $have . ' of ' . $l['name'] . ' left. Please change the quantity.'
                    : 'Sorry, ' . $l['name'] . ' is out of stock. Please remove it from your cart.';
            }
        }
    }
    if (!$errors) {
        // 2. Charge the card at the (fake) payment gateway. It answers after
        //    LEGACY_PAYMENT_DELAY_MS (default 100) ms; 4000000000000002 is declined.
        $delay = getenv('LEGACY_PAYMENT_DELAY_MS');
        $delay = ($delay !== false && ctype_digit($delay)) ? min((int) $delay, 10000) : 100;
        if ($delay > 0) {
            usleep($delay * 1000);
        }
        if ($card === '4000000000000002') {
            $errors[] = 'Your card was declined. Please use another card.';
        }
    }
    if (!$errors) {
        // 3. Write everything. The payment is already captured, so the order
        //    starts as 1 = paid. Nothing here touches products.updated_at
        //    (and stock has no updated_at at all).
        $db = db();
        $db->begin_transaction();
        try {
            foreach ($lines as $l) {
                $pid = (int) $l['product_id'];
                db_exec('UPDATE stock SET qty = ? WHERE product_id = ?', array($stock_read[$pid] - (int) $l['qty'], $pid));
            }
            $total = 0.0;
            foreach ($lines as $l) {
                $total += $l['price'] * (int) $l['qty'];
            }
            $total = round($total, 2);
            list(, $order_id) = db_exec(
                'INSERT INTO orders (customer_id, status, total, ship_name, ship_address, ship_city, ship_zip, created_at) '
                . 'VALUES (?, 1, ?, ?, ?, ?, ?, ?)',
                array($customer_id, $total, $form['ship_name'], $form['ship_address'], $form['ship_city'], $form['ship_zip'],
                    date('Y-m-d H:i:s'))
            );
            foreach ($lines as $l) {
                db_exec(
                    'INSERT INTO order_items (order_id, product_id, qty, unit_price, name) VALUES (?, ?, ?, ?, ?)',
                    array((int) $order_id, (int) $l['product_id'], (int) $l['qty'], (float) $l['price'], $l['name'])
                );
            }
            db_exec('DELETE FROM cart_items WHERE session_id = ?', array($sid));
            $db->commit();
        } catch (Throwable $e) {
            $db->rollback();
            throw $e;
        }
        flash('success', 'Thank you! Your order #' . (int) $order_id . ' has been placed.');
        redirect('/order.php?id=' . (int) $order_id);
    }
    // Card details are never shown back.
    $form['card_number'] = $form['card_expiry'] = $form['card_cvc'] = '';
}

$total = 0.0;
foreach ($lines as $l) {
    $total += $l['price'] * (int) $l['qty'];
}

$page_title = 'Checkout';
include __DIR__ . '/../inc/header.php';
?>
<h1>Checkout</h1>
<?php if (!$lines): ?>
<p class="empty">Your cart is empty. <a href="/">Continue shopping</a></p>
<?php else: ?>
<?php if ($errors): ?>
<div class="form-errors">
  <p>Please correct the following:</p>
  <ul>
<?php foreach ($errors as $e): ?>
    <li><?= h($e) ?></li>
<?php endforeach; ?>
  </ul>
</div>
<?php endif; ?>
<div class="checkout">
  <form class="checkout-form" method="post" action="/checkout.php">
    <?= csrf_field() ?>

    <fieldset>
      <legend>Shipping address</legend>
      <p><label for="ship_name">Name</label><input type="text" id="ship_name" name="ship_name" value="<?= h($form['ship_name']) ?>" maxlength="100" required></p>
      <p><label for="ship_address">Address</label><input type="text" id="ship_address" name="ship_address" value="<?= h($form['ship_address']) ?>" maxlength="255" required></p>
      <p><label for="ship_city">City</label><input type="text" id="ship_city" name="ship_city" value="<?= h($form['ship_city']) ?>" maxlength="100" required></p>
      <p><label for="ship_zip">Postcode</label><input type="text" id="ship_zip" name="ship_zip" value="<?= h($form['ship_zip']) ?>" maxlength="20" required></p>
    </fieldset>
    <fieldset>
      <legend>Payment</legend>
      <p><label for="card_number">Card number</label><input type="text" id="card_number" name="card_number" value="" autocomplete="cc-number" maxlength="30" required></p>
      <p><label for="card_expiry">Expiry (MM/YY)</label><input type="text" id="card_expiry" name="card_expiry" value="" autocomplete="cc-exp" maxlength="7" placeholder="MM/YY" required></p>
      <p><label for="card_cvc">Security code</label><input type="text" id="card_cvc" name="card_cvc" value="" autocomplete="cc-csc" maxlength="4" required></p>
    </fieldset>
    <p><button type="submit" class="button">Place order</button></p>
  </form>
  <div class="order-summary">
    <h2>Order summary</h2>
    <table class="summary-table">
<?php foreach ($lines as $l): ?>
      <tr><td><?= (int) $l['qty'] ?> &times; <?= h($l['name']) ?></td><td class="num"><?= h(money($l['price'] * (int) $l['qty'])) ?></td></tr>
<?php endforeach; ?>
      <tr class="total"><th>Total</th><th class="num"><?= h(money($total)) ?></th></tr>
    </table>
  </div>
</div>
<?php endif; ?>
<?php include __DIR__ . '/../inc/footer.php';

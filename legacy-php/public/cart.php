<?php
/*
 * cart.php - the cart, stored in cart_items under the PHP session id.
 *   GET                         show the cart
 *   POST action=add             product_id, qty        (from product.php)
 *   POST action=update          qty[PRODUCT_ID]=N ...  (0 removes the line)
 *   POST action=remove          product_id
 * Every POST needs the csrf field and answers with a 302 to the absolute
 * http://<Host header>/cart.php.
 */
require __DIR__ . '/../inc/bootstrap.php';

const MAX_LINE_QTY = 99;

if (is_post()) {
    require_csrf();
    $action = param_str($_POST, 'action');
    $sid = session_id();

    if ($action === 'add') {
        $product_id = param_int($_POST, 'product_id');
        $qty = param_int($_POST, 'qty', 1);
        if (!$product_id || !$qty || $qty > MAX_LINE_QTY) {
            render_error(400, 'Bad request', 'Please choose a product and a quantity between 1 and ' . MAX_LINE_QTY . '.');
        }
        $product = db_one(
            'SELECT p.id, p.name, p.status, COALESCE(s.qty, 0) AS stock FROM products p '
            . 'LEFT JOIN stock s ON s.product_id = p.id WHERE p.id = ?',
            array($product_id)
        );
        if (!$product || (int) $product['status'] === 2) {
            render_error(404, 'Product not found', 'We could not find that product.');
        }
        if ((int) $product['status'] !== 1 || (int) $product['stock'] <= 0) {
            flash('error', 'Sorry, ' . $product['name'] . ' is not available right now.');
            redirect('/cart.php');
        }
        db_exec(
            'INSERT INTO cart_items (session_id, product_id, qty, added_at) VALUES (?, ?, ?, ?) '
            . 'ON DUPLICATE KEY UPDATE qty = LEAST(qty + VALUES(qty), ' . MAX_LINE_QTY . ')',
            array($sid, $product_id, $qty, date('Y-m-d H:i:s'))
        );
        flash('success', $product['name'] . ' was added to your cart.');
        redirect('/cart.php');
    }

    if ($action === 'update') {
        $lines = isset($_POST['qty']) ? $_POST['qty'] : array();
        if (!is_array($lines)) {
            render_error(400, 'Bad request', 'The quantities could not be read.');
        }
        $changes = array();
        foreach ($lines as $pid => $q) {
            $pid = is_int($pid) ? $pid : param_int(array('v' => (string) $pid), 'v');
            $q = is_string($q) ? param_int(array('v' => trim($q)), 'v') : false;
            if (!$pid || $pid < 1 || $q === false || $q === null || $q > MAX_LINE_QTY) {
                render_error(400, 'Bad request', 'Quantities must be whole numbers between 0 and ' . MAX_LINE_QTY . '.');
            }
            $changes[$pid] = $q;
        }
        foreach ($changes as $pid => $q) {
            if ($q === 0) {
                db_exec('DELETE FROM cart_items WHERE session_id = ? AND product_id = ?', array($sid, $pid));
            } else {
                db_exec('UPDATE cart_items SET qty = ? WHERE session_id = ? AND product_id = ?', array($q, $sid, $pid));
            }
        }
        flash('success', 'Your cart was updated.');
        redirect('/cart.php');
    }

    if ($action === 'remove') {
        $product_id = param_int($_POST, 'product_id');
        if (!$product_id) {
            render_error(400, 'Bad request', 'Which product should be removed?');
        }
        db_exec('DELETE FROM cart_items WHERE session_id = ? AND product_id = ?', array($sid, $product_id));
        flash('success', 'The item was removed from your cart.');
        redirect('/cart.php');
    }

    render_error(400, 'Bad request', 'Unknown cart action.');
}

$items = db_all(
    'SELECT c.product_id, c.qty, p.name, p.price, p.status, COALESCE(s.qty, 0) AS stock '
    . 'FROM cart_items c JOIN products p ON p.id = c.product_id LEFT JOIN stock s ON s.product_id = c.product_id '
    . 'WHERE c.session_id = ? ORDER BY c.id',
    array(session_id())
);
$subtotal = 0.0;
foreach ($items as $it) {
    $subtotal += $it['price'] * $it['qty'];
}

$page_title = 'Your cart';
include __DIR__ . '/../inc/header.php';
?>
<h1>Your cart</h1>
<?php if (!$items): ?>
<p class="empty">Your cart is empty. <a href="/">Continue shopping</a></p>
<?php else: ?>
<form id="cart-update" method="post" action="/cart.php">
<input type="hidden" name="action" value="update">
<?= csrf_field() ?>

<table class="cart-table">
  <thead>
    <tr><th>Product</th><th class="num">Price</th><th class="num">Quantity</th><th class="num">Total</th><th></th></tr>
  </thead>
  <tbody>
<?php foreach ($items as $it): ?>
    <tr class="cart-line">
      <td><a href="/product.php?id=<?= (int) $it['product_id'] ?>"><?= h($it['name']) ?></a>
<?php if ((int) $it['status'] !== 1): ?>
        <br><span class="warning">No longer available</span>
<?php elseif ((int) $it['stock'] < (int) $it['qty']): ?>
        <br><span class="warning"><?= (int) $it['stock'] > 0 ? 'Only ' . (int) $it['stock'] . ' left' : 'Out of stock' ?></span>
<?php endif; ?>
      </td>
      <td class="num"><?= h(money($it['price'])) ?></td>
      <td class="num"><input type="number" name="qty[<?= (int) $it['product_id'] ?>]" value="<?= (int) $it['qty'] ?>" min="0" max="<?= MAX_LINE_QTY ?>"></td>
      <td class="num"><?= h(money($it['price'] * $it['qty'])) ?></td>
      <td><button type="submit" class="link-button" form="remove-<?= (int) $it['product_id'] ?>">Remove</button></td>
    </tr>
<?php endforeach; ?>
  </tbody>
  <tfoot>
    <tr><th colspan="3" class="num">Subtotal</th><th class="num cart-subtotal"><?= h(money($subtotal)) ?></th><th></th></tr>
  </tfoot>
</table>
<div class="cart-actions">
  <button type="submit" class="button secondary">Update cart</button>
  <a class="button" href="/checkout.php">Proceed to checkout</a>
</div>
</form>
<?php /* One small form per line; its Remove button sits in the table above (form="remove-N"). */ ?>
<?php foreach ($items as $it): ?>
<form id="remove-<?= (int) $it['product_id'] ?>" class="remove-form" method="post" action="/cart.php">
  <input type="hidden" name="action" value="remove">
  <input type="hidden" name="product_id" value="<?= (int) $it['product_id'] ?>">
  <?= csrf_field() ?>

</form>
<?php endforeach; ?>
<?php endif; ?>
<?php include __DIR__ . '/../inc/footer.php';

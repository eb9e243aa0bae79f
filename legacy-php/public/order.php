<?php
/* order.php?id=N - one order of the signed-in customer. Anybody else's order is a 404. */
require __DIR__ . '/../inc/bootstrap.php';

$customer_id = require_login();
$id = param_int($_GET, 'id');
if (!$id) {
    render_error(404, 'Order not found', 'We could not find that order.');
}
$order = db_one(
    'SELECT id, customer_id, status, total, ship_name, ship_address, ship_city, ship_zip, created_at '
    . 'FROM orders WHERE id = ? AND customer_id = ?',
    array($id, $customer_id)
);
if (!$order) {
    render_error(404, 'Order not found', 'We could not find that order.');
}
$items = db_all('SELECT product_id, qty, unit_price, name FROM order_items WHERE order_id = ? ORDER BY id', array($id));

$page_title = 'Order #' . $id;
include __DIR__ . '/../inc/header.php';
?>
<p class="breadcrumbs"><a href="/account.php">Your account</a> &raquo; Order #<?= (int) $order['id'] ?></p>
<h1>Order #<?= (int) $order['id'] ?></h1>
<p class="order-meta">Placed on <?= h($order['created_at']) ?> &middot; Status: <span class="order-status status-<?= (int) $order['status'] ?>"><?= h(order_status_label((int) $order['status'])) ?></span></p>
<table class="order-items">
  <thead>
    <tr><th>Product</th><th class="num">Price</th><th class="num">Quantity</th><th class="num">Total</th></tr>
  </thead>
  <tbody>
<?php foreach ($items as $it): ?>
    <tr>
      <td><a href="/product.php?id=<?= (int) $it['product_id'] ?>"><?= h($it['name']) ?></a></td>
      <td class="num"><?= h(money($it['unit_price'])) ?></td>
      <td class="num"><?= (int) $it['qty'] ?></td>
      <td class="num"><?= h(money($it['unit_price'] * $it['qty'])) ?></td>
    </tr>
<?php endforeach; ?>
  </tbody>
  <tfoot>
    <tr><th colspan="3" class="num">Total</th><th class="num order-total"><?= h(money($order['total'])) ?></th></tr>
  </tfoot>
</table>
<h2>Shipping to</h2>
<address class="ship-address"><?= h($order['ship_name']) ?><br><?= h($order['ship_address']) ?><br><?= h($order['ship_zip']) ?> <?= h($order['ship_city']) ?></address>
<?php include __DIR__ . '/../inc/footer.php';

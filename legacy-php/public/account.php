<?php
/* account.php - the signed-in customer's order history. */
require __DIR__ . '/../inc/bootstrap.php';

$customer_id = require_login();
$customer = db_one('SELECT id, email, name, created_at FROM customers WHERE id = ?', array($customer_id));
if (!$customer) {
    // The account was deleted under a live session.
    $_SESSION = array();
    redirect('/login.php');
}
$orders = db_all(
    'SELECT o.id, o.status, o.total, o.created_at, '
    . '(SELECT COALESCE(SUM(i.qty), 0) FROM order_items i WHERE i.order_id = o.id) AS items '
    . 'FROM orders o WHERE o.customer_id = ? ORDER BY o.id DESC',
    array($customer_id)
);

$page_title = 'Your account';
include __DIR__ . '/../inc/header.php';
?>
<h1>Your account</h1>
<p class="account-details"><?= h($customer['name']) ?> &middot; <?= h($customer['email']) ?> &middot; customer since <?= h(substr($customer['created_at'], 0, 10)) ?></p>
<h2>Your orders</h2>
<?php if (!$orders): ?>
<p class="empty">You have not placed any orders yet.</p>
<?php else: ?>
<table class="orders-table">
  <thead>
    <tr><th>Order</th><th>Date</th><th>Status</th><th class="num">Items</th><th class="num">Total</th></tr>
  </thead>
  <tbody>
<?php foreach ($orders as $o): ?>
    <tr>
      <td><a href="/order.php?id=<?= (int) $o['id'] ?>">#<?= (int) $o['id'] ?></a></td>
      <td><?= h($o['created_at']) ?></td>
      <td><span class="order-status status-<?= (int) $o['status'] ?>"><?= h(order_status_label((int) $o['status'])) ?></span></td>
      <td class="num"><?= (int) $o['items'] ?></td>
      <td class="num"><?= h(money($o['total'])) ?></td>
    </tr>
<?php endforeach; ?>
  </tbody>
</table>
<?php endif; ?>
<?php include __DIR__ . '/../inc/footer.php';

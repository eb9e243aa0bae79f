<?php
/* product.php?id=N - one product with its stock status and the add-to-cart form. */
require __DIR__ . '/../inc/bootstrap.php';

$id = param_int($_GET, 'id');
if (!$id) {
    render_error(404, 'Product not found', 'We could not find that product.');
}
$product = db_one(
    'SELECT p.id, p.sku, p.category_id, p.name, p.description, p.price, p.status, COALESCE(s.qty, 0) AS qty '
    . 'FROM products p LEFT JOIN stock s ON s.product_id = p.id WHERE p.id = ?',
    array($id)
);
// status 2 = hidden: as good as not there.
if (!$product || (int) $product['status'] === 2) {
    render_error(404, 'Product not found', 'We could not find that product.');
}
$category = db_one('SELECT id, parent_id, name FROM categories WHERE id = ?', array((int) $product['category_id']));
$parent = $category && $category['parent_id'] !== null
    ? db_one('SELECT id, name FROM categories WHERE id = ?', array((int) $category['parent_id']))
    : null;

$qty = (int) $product['qty'];
list($stock_class, $stock_text) = stock_status($qty);
$buyable = (int) $product['status'] === 1 && $qty > 0;

$page_title = $product['name'];
$nav_active = $parent ? (int) $parent['id'] : ($category ? (int) $category['id'] : 0);
include __DIR__ . '/../inc/header.php';
?>
<p class="breadcrumbs"><a href="/">Home</a> &raquo;
<?php if ($parent): ?>
  <a href="/category.php?id=<?= (int) $parent['id'] ?>"><?= h($parent['name']) ?></a> &raquo;
<?php endif; ?>
<?php if ($category): ?>
  <a href="/category.php?id=<?= (int) $category['id'] ?>"><?= h($category['name']) ?></a> &raquo;
<?php endif; ?>
  <?= h($product['name']) ?></p>
<div class="product-detail">
  <div class="product-image"><span><?= h(mb_substr($product['name'], 0, 1)) ?></span></div>
  <div class="product-info">
    <h1 class="product-name"><?= h($product['name']) ?></h1>
    <p class="sku">SKU: <?= h($product['sku']) ?></p>
    <p class="price"><?= h(money($product['price'])) ?></p>
<?php if ((int) $product['status'] === 3): ?>
    <p class="stock discontinued">This product has been discontinued.</p>
<?php else: ?>
    <p class="stock <?= h($stock_class) ?>"><?= h($stock_text) ?></p>
<?php endif; ?>
<?php if ($buyable): ?>
    <form class="add-to-cart" method="post" action="/cart.php">
      <input type="hidden" name="action" value="add">
      <input type="hidden" name="product_id" value="<?= (int) $product['id'] ?>">
      <?= csrf_field() ?>

      <label for="qty">Quantity</label>
      <input type="number" id="qty" name="qty" value="1" min="1" max="99">
      <button type="submit" class="button">Add to cart</button>
    </form>
<?php endif; ?>
    <div class="description"><?= nl2br(h((string) $product['description'])) ?></div>
  </div>
</div>
<?php include __DIR__ . '/../inc/footer.php';

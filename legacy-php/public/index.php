<?php
/* Home: the category tree and a few featured products. */
require __DIR__ . '/../inc/bootstrap.php';

$all = db_all('SELECT id, parent_id, name, slug FROM categories ORDER BY id');
$children = array();
foreach ($all as $c) {
    if ($c['parent_id'] !== null) {
        $children[(int) $c['parent_id']][] = $c;
    }
}
// "Featured" = the first active products that are in stock (it was a
// hand-picked list once; nobody maintained it).
$featured = db_all(
    'SELECT p.id, p.name, p.price FROM products p JOIN stock s ON s.product_id = p.id '
    . 'WHERE p.status = 1 AND s.qty > 0 ORDER BY p.id LIMIT 8'
);

$page_title = '';
$nav_active = -1;
include __DIR__ . '/../inc/header.php';
?>
<div class="hero">
  <h1>Welcome to RetailFlow Shop</h1>
  <p>Everything for home, work and play. Free delivery on orders over $50.</p>
</div>

<h2>Shop by category</h2>
<ul class="category-list">
<?php foreach ($all as $c): if ($c['parent_id'] !== null) { continue; } ?>
  <li>
    <a class="category-name" href="/category.php?id=<?= (int) $c['id'] ?>"><?= h($c['name']) ?></a>
<?php if (!empty($children[(int) $c['id']])): ?>
    <ul class="subcategories">
<?php foreach ($children[(int) $c['id']] as $sub): ?>
      <li><a href="/category.php?id=<?= (int) $sub['id'] ?>"><?= h($sub['name']) ?></a></li>
<?php endforeach; ?>
    </ul>
<?php endif; ?>
  </li>
<?php endforeach; ?>
</ul>

<h2>Featured products</h2>
<div class="product-grid">
<?php foreach ($featured as $p): ?>
  <?= product_card($p) ?>

<?php endforeach; ?>
</div>
<?php include __DIR__ . '/../inc/footer.php';

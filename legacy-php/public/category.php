<?php
/* category.php?id=N&page=P - products of a category (and of its subcategories), 20 per page. */
require __DIR__ . '/../inc/bootstrap.php';

$id = param_int($_GET, 'id');
if (!$id) {
    render_error(404, 'Category not found', 'We could not find that category.');
}
$page = current_page();

$category = db_one('SELECT id, parent_id, name, slug FROM categories WHERE id = ?', array($id));
if (!$category) {
    render_error(404, 'Category not found', 'We could not find that category.');
}
$parent = $category['parent_id'] !== null
    ? db_one('SELECT id, name FROM categories WHERE id = ?', array((int) $category['parent_id']))
    : null;
$subcategories = db_all('SELECT id, name FROM categories WHERE parent_id = ? ORDER BY id', array($id));

// A top-level category lists the products of all its subcategories.
$ids = array($id);
foreach ($subcategories as $s) {
    $ids[] = (int) $s['id'];
}
$in = implode(',', array_map('intval', $ids));

$total = (int) db_value("SELECT COUNT(*) FROM products WHERE status = 1 AND category_id IN ($in)");
$pages = max(1, (int) ceil($total / PER_PAGE));
if ($page > $pages) {
    render_error(404, 'Page not found', 'This category does not have that many pages.');
}
$offset = ($page - 1) * PER_PAGE;
$products = db_all(
    "SELECT id, name, price FROM products WHERE status = 1 AND category_id IN ($in) ORDER BY id LIMIT " . PER_PAGE . ' OFFSET ' . (int) $offset
);

$page_title = $category['name'] . ($page > 1 ? ' - page ' . $page : '');
$nav_active = $parent ? (int) $parent['id'] : (int) $category['id'];
include __DIR__ . '/../inc/header.php';
?>
<p class="breadcrumbs"><a href="/">Home</a> &raquo;
<?php if ($parent): ?>
  <a href="/category.php?id=<?= (int) $parent['id'] ?>"><?= h($parent['name']) ?></a> &raquo;
<?php endif; ?>
  <?= h($category['name']) ?></p>
<h1><?= h($category['name']) ?></h1>
<?php if ($subcategories): ?>
<ul class="subcategory-links">
<?php foreach ($subcategories as $s): ?>
  <li><a href="/category.php?id=<?= (int) $s['id'] ?>"><?= h($s['name']) ?></a></li>
<?php endforeach; ?>
</ul>
<?php endif; ?>
<?php if ($total === 0): ?>
<p class="empty">There are no products in this category yet.</p>
<?php else: ?>
<p class="result-count">Showing <?= $offset + 1 ?>&ndash;<?= $offset + count($products) ?> of <?= $total ?> products</p>
<div class="product-grid">
<?php foreach ($products as $p): ?>
  <?= product_card($p) ?>

<?php endforeach; ?>
</div>
<?= pager('/category.php?id=' . (int) $id, $page, $pages) ?>

<?php endif; ?>
<?php include __DIR__ . '/../inc/footer.php';

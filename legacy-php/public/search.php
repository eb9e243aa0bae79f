<?php
/* search.php?q=...&page=P - name LIKE '%q%' (no index can help; % and _ in q act as wildcards). */
require __DIR__ . '/../inc/bootstrap.php';

$q = param_str($_GET, 'q');
if ($q === false) {
    render_error(400, 'Bad request', 'The search term must be text.');
}
$q = trim($q);
if ($q === '') {
    render_error(400, 'Search', 'Please enter a search term.');
}
if (mb_strlen($q) > 100) {
    $q = mb_substr($q, 0, 100);
}
$page = current_page();

$like = '%' . $q . '%';
$total = (int) db_value('SELECT COUNT(*) FROM products WHERE status = 1 AND name LIKE ?', array($like));
$pages = max(1, (int) ceil($total / PER_PAGE));
if ($page > $pages) {
    render_error(404, 'Page not found', 'There are not that many pages of results.');
}
$offset = ($page - 1) * PER_PAGE;
$products = db_all(
    'SELECT id, name, price FROM products WHERE status = 1 AND name LIKE ? ORDER BY id LIMIT ' . PER_PAGE . ' OFFSET ' . (int) $offset,
    array($like)
);

$page_title = 'Search: ' . $q;
$nav_query = $q;
include __DIR__ . '/../inc/header.php';
?>
<h1>Search results for &ldquo;<?= h($q) ?>&rdquo;</h1>
<?php if ($total === 0): ?>
<p class="empty">No products match &ldquo;<?= h($q) ?>&rdquo;.</p>
<?php else: ?>
<p class="result-count">Showing <?= $offset + 1 ?>&ndash;<?= $offset + count($products) ?> of <?= $total ?> products</p>
<div class="product-grid">
<?php foreach ($products as $p): ?>
  <?= product_card($p) ?>

<?php endforeach; ?>
</div>
<?= pager('/search.php?q=' . rawurlencode($q), $page, $pages) ?>

<?php endif; ?>
<?php include __DIR__ . '/../inc/footer.php';

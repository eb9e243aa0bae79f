<?php
/*
 * Shared page header. Set $page_title before including.
 * The markup and class names here are copied by the new storefront, so keep
 * them stable (see README.md, "Header and navigation HTML").
 */
$nav_categories = array();
$nav_cart_count = 0;
try {
    $nav_categories = top_categories();
    $nav_cart_count = cart_count();
} catch (Throwable $e) {
    // The database is down: still render a usable header.
    error_log('header: ' . $e->getMessage());
}
$nav_customer_name = session_status() === PHP_SESSION_ACTIVE && !empty($_SESSION['customer_id'])
    && isset($_SESSION['customer_name']) ? (string) $_SESSION['customer_name'] : '';
$nav_active = isset($nav_active) ? (int) $nav_active : 0;
$nav_query = isset($nav_query) ? (string) $nav_query : '';
$nav_flashes = take_flashes();
?><!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title><?= h(isset($page_title) && $page_title !== '' ? $page_title . ' | RetailFlow Shop' : 'RetailFlow Shop') ?></title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/style.css">
</head>
<body>
<header id="site-header">
  <div class="wrap">
    <a class="logo" href="/">RetailFlow Shop</a>
    <form class="search-form" action="/search.php" method="get">
      <input type="text" name="q" value="<?= h($nav_query) ?>" placeholder="Search products">
      <button type="submit">Search</button>
    </form>
    <ul class="user-nav">
      <li><a class="cart-link" href="/cart.php">Cart (<span class="cart-count"><?= (int) $nav_cart_count ?></span>)</a></li>
<?php if ($nav_customer_name !== ''): ?>
      <li class="hello">Hi, <?= h($nav_customer_name) ?></li>
      <li><a href="/account.php">Account</a></li>
      <li><a href="/logout.php">Sign out</a></li>
<?php else: ?>
      <li><a href="/login.php">Sign in</a></li>
      <li><a href="/register.php">Register</a></li>
<?php endif; ?>
    </ul>
  </div>
</header>
<nav id="main-nav">
  <ul class="wrap">
    <li<?= $nav_active === -1 ? ' class="active"' : '' ?>><a href="/">Home</a></li>
<?php foreach ($nav_categories as $nav_cat): ?>
    <li<?= $nav_active === (int) $nav_cat['id'] ? ' class="active"' : '' ?>><a href="/category.php?id=<?= (int) $nav_cat['id'] ?>"><?= h($nav_cat['name']) ?></a></li>
<?php endforeach; ?>
  </ul>
</nav>
<main id="content" class="wrap">
<?php foreach ($nav_flashes as $nav_flash): ?>
<div class="flash flash-<?= $nav_flash['type'] === 'error' ? 'error' : 'success' ?>"><?= h($nav_flash['text']) ?></div>
<?php endforeach; ?>

<?php
/* Small helpers shared by every page. */

define('PER_PAGE', 20);

/** Escape for HTML text and attribute values. */
function h($s)
{
    return htmlspecialchars((string) $s, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
}

/** Prices are FLOAT in the database: round for display only. "$1,234.56" */
function money($amount)
{
    return '$' . number_format((float) $amount, 2, '.', ',');
}

/**
 * An integer request parameter.
 * Returns $default when absent, the int when it is a plain run of 1-9 digits,
 * and false for anything else (abc, -1, 1.5, arrays, 20 digits...).
 */
function param_int(array $source, $name, $default = null)
{
    if (!isset($source[$name]) || $source[$name] === '') {
        return $default;
    }
    $v = $source[$name];
    if (!is_string($v) || !preg_match('/^[0-9]{1,9}$/', $v)) {
        return false;
    }
    return (int) $v;
}

/** A string request parameter ('' when absent, false when it is not a string). */
function param_str(array $source, $name)
{
    if (!isset($source[$name])) {
        return '';
    }
    return is_string($source[$name]) ? $source[$name] : false;
}

/** The page number from ?page= (1 when absent). Bad values give a 400 page. */
function current_page()
{
    $page = param_int($_GET, 'page', 1);
    if ($page === false || $page < 1) {
        render_error(400, 'Bad request', 'The page number must be a positive whole number.');
    }
    return $page;
}

/**
 * Absolute URL for a path on this shop, built from the Host header the
 * browser sent (2018 code did this everywhere; the proxy has to rewrite it).
 */
function abs_url($path)
{
    $https = !empty($_SERVER['HTTPS']) && $_SERVER['HTTPS'] !== 'off';
    $host = isset($_SERVER['HTTP_HOST']) && $_SERVER['HTTP_HOST'] !== ''
        ? $_SERVER['HTTP_HOST']
        : (isset($_SERVER['SERVER_NAME']) ? $_SERVER['SERVER_NAME'] . ':' . $_SERVER['SERVER_PORT'] : 'localhost');
    return ($https ? 'https' : 'http') . '://' . $host . $path;
}

/** Redirect (302, PHP's default for a Location header) to a local path and stop. */
function redirect($path)
{
    header('Location: ' . abs_url($path), true, 302);
    exit;
}

/** Only local absolute paths are allowed as ?next= targets (no //evil.example). */
function safe_next($next)
{
    if (!is_string($next) || $next === '' || $next[0] !== '/' || strpos($next, '//') === 0
        || strpos($next, '\\') !== false || preg_match('/[\x00-\x1f\x7f]/', $next)) {
        return '';
    }
    return $next;
}

/* ---------- CSRF ---------- */

function csrf_token()
{
    if (session_status() !== PHP_SESSION_ACTIVE) {
        return '';
    }
    if (empty($_SESSION['csrf']) || !is_string($_SESSION['csrf'])) {
        $_SESSION['csrf'] = bin2hex(random_bytes(16));
    }
    return $_SESSION['csrf'];
}

function csrf_field()
{
    return '<input type="hidden" name="csrf" value="' . h(csrf_token()) . '">';
}

/** Every POST handler calls this first: a missing or wrong token is a 400 page. */
function require_csrf()
{
    $sent = isset($_POST['csrf']) && is_string($_POST['csrf']) ? $_POST['csrf'] : '';
    $expected = session_status() === PHP_SESSION_ACTIVE && isset($_SESSION['csrf']) && is_string($_SESSION['csrf'])
        ? $_SESSION['csrf'] : '';
    if ($expected === '' || $sent === '' || !hash_equals($expected, $sent)) {
        render_error(400, 'Bad request',
            'Your session has expired or the form was not sent by this shop. Please go back, reload the page and try again.');
    }
}

function is_post()
{
    return isset($_SERVER['REQUEST_METHOD']) && $_SERVER['REQUEST_METHOD'] === 'POST';
}

/* ---------- flash messages ---------- */

function flash($type, $text)
{
    $_SESSION['flash'][] = array('type' => $type, 'text' => $text);
}

function take_flashes()
{
    if (session_status() !== PHP_SESSION_ACTIVE || empty($_SESSION['flash']) || !is_array($_SESSION['flash'])) {
        return array();
    }
    $f = $_SESSION['flash'];
    unset($_SESSION['flash']);
    return $f;
}

/* ---------- customers ---------- */

function current_customer_id()
{
    return session_status() === PHP_SESSION_ACTIVE && isset($_SESSION['customer_id'])
        ? (int) $_SESSION['customer_id'] : 0;
}

/** Pages that need a signed-in customer send everyone else to login.php?next=<this page>. */
function require_login()
{
    $id = current_customer_id();
    if ($id <= 0) {
        $uri = isset($_SERVER['REQUEST_URI']) ? $_SERVER['REQUEST_URI'] : '/account.php';
        redirect('/login.php?next=' . rawurlencode(safe_next($uri) ?: '/account.php'));
    }
    return $id;
}

/**
 * Sign a customer in: new session id (the cart follows it), session keys,
 * and two extra cookies, so the response carries several Set-Cookie headers.
 */
function sign_in(array $customer)
{
    $old = session_id();
    session_regenerate_id(true);
    $new = session_id();
    if ($old !== $new) {
        db_exec('UPDATE cart_items SET session_id = ? WHERE session_id = ?', array($new, $old));
    }
    $_SESSION['customer_id'] = (int) $customer['id'];
    $_SESSION['customer_name'] = $customer['name'];
    $_SESSION['customer_email'] = $customer['email'];
    // Not HttpOnly: the login form pre-fills the e-mail from it.
    setcookie('remember_email', $customer['email'], array('expires' => time() + 30 * 86400, 'path' => '/'));
    setcookie('last_login', (string) time(), array('expires' => time() + 365 * 86400, 'path' => '/', 'httponly' => true));
}

/* ---------- catalogue ---------- */

function product_status_label($status)
{
    $labels = array(1 => 'Active', 2 => 'Hidden', 3 => 'Discontinued');
    return isset($labels[$status]) ? $labels[$status] : 'Unknown';
}

function order_status_label($status)
{
    $labels = array(0 => 'New', 1 => 'Paid', 2 => 'Shipped', 3 => 'Delivered', 9 => 'Cancelled');
    return isset($labels[$status]) ? $labels[$status] : 'Unknown';
}

/** array(css class, text) for a stock quantity. */
function stock_status($qty)
{
    $qty = (int) $qty;
    if ($qty <= 0) {
        return array('out-of-stock', 'Out of stock');
    }
    if ($qty <= 5) {
        return array('low-stock', 'Only ' . $qty . ' left');
    }
    return array('in-stock', 'In stock');
}

function top_categories()
{
    return db_all('SELECT id, name, slug FROM categories WHERE parent_id IS NULL ORDER BY id');
}

function cart_count()
{
    if (session_status() !== PHP_SESSION_ACTIVE) {
        return 0;
    }
    return (int) db_value('SELECT COALESCE(SUM(qty), 0) FROM cart_items WHERE session_id = ?', array(session_id()));
}

/** One product card (category, search and home listings). */
function product_card(array $p)
{
    $url = '/product.php?id=' . (int) $p['id'];
    return '<div class="product-card">'
        . '<a class="thumb" href="' . h($url) . '"><span>' . h(mb_substr($p['name'], 0, 1)) . '</span></a>'
        . '<h3 class="product-name"><a href="' . h($url) . '">' . h($p['name']) . '</a></h3>'
        . '<p class="price">' . h(money($p['price'])) . '</p>'
        . '</div>';
}

/** "« Previous  Page 2 of 9  Next »" links. $base already contains "?...". */
function pager($base, $page, $pages)
{
    if ($pages <= 1) {
        return '';
    }
    $out = '<div class="pager">';
    if ($page > 1) {
        $out .= '<a class="prev" href="' . h($base . '&page=' . ($page - 1)) . '">&laquo; Previous</a> ';
    }
    $out .= '<span class="current">Page ' . (int) $page . ' of ' . (int) $pages . '</span>';
    if ($page < $pages) {
        $out .= ' <a class="next" href="' . h($base . '&page=' . ($page + 1)) . '">Next &raquo;</a>';
    }
    return $out . '</div>';
}

/* ---------- page output ---------- */

/** Render a complete error page with the given status code and stop. */
function render_error($status, $title, $message)
{
    while (ob_get_level() > 0) {
        ob_end_clean();
    }
    ob_start();
    if (!headers_sent()) {
        http_response_code($status);
        header_remove('Location');
    }
    $page_title = $title;
    $error_page = true;
    include __DIR__ . '/header.php';
    echo '<div class="error-page"><h1>' . h($title) . '</h1>'
        . '<p>' . h($message) . '</p>'
        . '<p><a href="/">Back to the shop</a></p></div>';
    include __DIR__ . '/footer.php';
    exit;
}

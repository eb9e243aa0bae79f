<?php
/*
 * login.php?next=/path - POST csrf, email, password, next.
 * Success: new session id, then 302 to next (or /account.php) with three
 * Set-Cookie headers: PHPSESSID, remember_email and last_login.
 */
require __DIR__ . '/../inc/bootstrap.php';

$next = safe_next(param_str(is_post() ? $_POST : $_GET, 'next'));
$email = isset($_COOKIE['remember_email']) && is_string($_COOKIE['remember_email']) ? $_COOKIE['remember_email'] : '';
$error = '';

if (is_post()) {
    require_csrf();
    $email = param_str($_POST, 'email');
    $password = param_str($_POST, 'password');
    if ($email === false || $password === false) {
        render_error(400, 'Bad request', 'The sign-in form could not be read.');
    }
    $email = trim($email);
    $customer = $email === '' ? null
        : db_one('SELECT id, email, password, name FROM customers WHERE email = ?', array($email));
    if ($customer && hash_equals((string) $customer['password'], md5($password))) {
        sign_in($customer);
        redirect($next !== '' ? $next : '/account.php');
    }
    $error = 'The e-mail address or password is not correct.';
}

$page_title = 'Sign in';
include __DIR__ . '/../inc/header.php';
?>
<div class="narrow">
<h1>Sign in</h1>
<?php if ($error !== ''): ?>
<div class="form-errors"><p><?= h($error) ?></p></div>
<?php endif; ?>
<form class="account-form" method="post" action="/login.php">
  <?= csrf_field() ?>

  <input type="hidden" name="next" value="<?= h($next) ?>">
  <p><label for="email">E-mail</label><input type="email" id="email" name="email" value="<?= h($email) ?>" required></p>
  <p><label for="password">Password</label><input type="password" id="password" name="password" required></p>
  <p><button type="submit" class="button">Sign in</button></p>
</form>
<p>New here? <a href="/register.php<?= $next !== '' ? '?next=' . h(rawurlencode($next)) : '' ?>">Create an account</a></p>
</div>
<?php include __DIR__ . '/../inc/footer.php';

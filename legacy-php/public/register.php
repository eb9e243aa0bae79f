<?php
/* register.php - POST csrf, email, password, name (and optional next). Signs the new customer in. */
require __DIR__ . '/../inc/bootstrap.php';

$next = safe_next(param_str(is_post() ? $_POST : $_GET, 'next'));
$form = array('email' => '', 'name' => '');
$errors = array();

if (is_post()) {
    require_csrf();
    $email = param_str($_POST, 'email');
    $password = param_str($_POST, 'password');
    $name = param_str($_POST, 'name');
    if ($email === false || $password === false || $name === false) {
        render_error(400, 'Bad request', 'The registration form could not be read.');
    }
    $form['email'] = trim($email);
    $form['name'] = trim($name);
    if (!filter_var($form['email'], FILTER_VALIDATE_EMAIL) || strlen($form['email']) > 191) {
        $errors[] = 'Please enter a valid e-mail address.';
    }
    if (strlen($password) < 6) {
        $errors[] = 'The password must be at least 6 characters long.';
    }
    if ($form['name'] === '' || mb_strlen($form['name']) > 100) {
        $errors[] = 'Please enter your name (up to 100 characters).';
    }
    if (!$errors && db_value('SELECT id FROM customers WHERE email = ?', array($form['email'])) !== null) {
        $errors[] = 'An account with this e-mail address already exists. Please sign in instead.';
    }
    if (!$errors) {
        try {
            list(, $id) = db_exec(
                'INSERT INTO customers (email, password, name, created_at) VALUES (?, ?, ?, ?)',
                array($form['email'], md5($password), $form['name'], date('Y-m-d H:i:s'))
            );
        } catch (mysqli_sql_exception $e) {
            if ($e->getCode() !== 1062) { // duplicate key: somebody was faster
                throw $e;
            }
            $id = 0;
            $errors[] = 'An account with this e-mail address already exists. Please sign in instead.';
        }
        if ($id) {
            sign_in(array('id' => $id, 'name' => $form['name'], 'email' => $form['email']));
            flash('success', 'Welcome, ' . $form['name'] . '! Your account has been created.');
            redirect($next !== '' ? $next : '/account.php');
        }
    }
}

$page_title = 'Create an account';
include __DIR__ . '/../inc/header.php';
?>
<div class="narrow">
<h1>Create an account</h1>
<?php if ($errors): ?>
<div class="form-errors">
  <ul>
<?php foreach ($errors as $e): ?>
    <li><?= h($e) ?></li>
<?php endforeach; ?>
  </ul>
</div>
<?php endif; ?>
<form class="account-form" method="post" action="/register.php">
  <?= csrf_field() ?>

  <input type="hidden" name="next" value="<?= h($next) ?>">
  <p><label for="name">Name</label><input type="text" id="name" name="name" value="<?= h($form['name']) ?>" maxlength="100" required></p>
  <p><label for="email">E-mail</label><input type="email" id="email" name="email" value="<?= h($form['email']) ?>" maxlength="191" required></p>
  <p><label for="password">Password</label><input type="password" id="password" name="password" minlength="6" required></p>
  <p><button type="submit" class="button">Create account</button></p>
</form>
<p>Already have an account? <a href="/login.php<?= $next !== '' ? '?next=' . h(rawurlencode($next)) : '' ?>">Sign in</a></p>
</div>
<?php include __DIR__ . '/../inc/footer.php';

<?php
/*
 * logout.php - a plain GET link (no csrf: 2018 style, anyone can sign you out).
 * Destroys the session; the cart_items rows of that session stay behind.
 */
require __DIR__ . '/../inc/bootstrap.php';

$_SESSION = array();
session_destroy();
setcookie(session_name(), '', array('expires' => time() - 3600, 'path' => '/', 'httponly' => true));
redirect('/');

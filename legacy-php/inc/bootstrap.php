<?php
/*
 * Included first by every page: error handling, output buffering, helpers,
 * the database and (unless $no_session is set before including) the session.
 *
 * Nothing PHP complains about ever reaches the browser: display_errors is off,
 * warnings and notices are turned into exceptions, and any uncaught exception
 * becomes a plain "500 Something went wrong" page (503 when the database is
 * unreachable). Details go to the server's error log (stderr of php -S,
 * the php-fpm log under run-fpm.sh).
 */

ini_set('display_errors', '0');
ini_set('log_errors', '1');
error_reporting(E_ALL);
date_default_timezone_set('UTC');
mb_internal_encoding('UTF-8');
define('PAGE_STARTED', microtime(true));

require __DIR__ . '/db.php';
require __DIR__ . '/session.php';
require __DIR__ . '/functions.php';

set_error_handler(function ($severity, $message, $file, $line) {
    if (!(error_reporting() & $severity)) {
        return false; // silenced with @
    }
    if ($severity & (E_DEPRECATED | E_USER_DEPRECATED)) {
        error_log("Deprecated: $message in $file:$line");
        return true;
    }
    throw new ErrorException($message, 0, $severity, $file, $line);
});

set_exception_handler(function ($e) {
    error_log('Uncaught ' . get_class($e) . ': ' . $e->getMessage() . ' in ' . $e->getFile() . ':' . $e->getLine());
    if ($e instanceof mysqli_sql_exception && in_array($e->getCode(), array(1040, 1045, 1049, 2002, 2006, 2013), true)) {
        render_error(503, 'Service unavailable', 'The shop is temporarily unavailable. Please try again in a few minutes.');
    }
    render_error(500, 'Something went wrong', 'Sorry, something went wrong on our side. Please try again.');
});

ob_start();

if (empty($no_session)) {
    start_session();
}

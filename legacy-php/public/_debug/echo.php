<?php
/*
 * _debug/echo.php - what did PHP receive? For the proxy's golden tests.
 * Active ONLY when the environment has LEGACY_DEBUG=1; otherwise a 404 page.
 *
 * Answers JSON: method, uri, query_string, headers, cookies, body_base64,
 * body_length, body_md5, post, get, files (field, name, type, size, error,
 * md5 of the content), remote_addr, server_protocol.
 * Note: for multipart/form-data PHP consumes the body itself, so body is
 * empty there and the parts show up in post/files.
 *
 * Query options:
 *   ?cookies=N     also send N distinct Set-Cookie headers (echo_cookie_1..N, N <= 50)
 *   ?status=NNN    answer with that status code (200-599)
 *   ?redirect=/p   answer 302 with Location: http://<Host header>/p (like the shop)
 *   ?delay_ms=N    sleep N ms first (N <= 10000)
 * Never starts a session, so the only cookies set are the ones asked for.
 */
$no_session = true;
require __DIR__ . '/../../inc/bootstrap.php';

if (getenv('LEGACY_DEBUG') !== '1') {
    render_error(404, 'Page not found', 'The page you asked for does not exist.');
}

$delay = param_int($_GET, 'delay_ms', 0);
if ($delay) {
    usleep(min($delay, 10000) * 1000);
}

if (function_exists('getallheaders')) {
    $headers = getallheaders();
} else {
    $headers = array();
    foreach ($_SERVER as $k => $v) {
        if (strpos($k, 'HTTP_') === 0) {
            $headers[str_replace(' ', '-', ucwords(strtolower(str_replace('_', ' ', substr($k, 5)))))] = $v;
        }
    }
    if (isset($_SERVER['CONTENT_TYPE'])) {
        $headers['Content-Type'] = $_SERVER['CONTENT_TYPE'];
    }
    if (isset($_SERVER['CONTENT_LENGTH'])) {
        $headers['Content-Length'] = $_SERVER['CONTENT_LENGTH'];
    }
}

/** Flatten $_FILES (including name[] / nested fields) to a list. */
function echo_files(array $files)
{
    $out = array();
    $walk = function ($field, $name, $type, $tmp, $error, $size) use (&$walk, &$out) {
        if (is_array($name)) {
            foreach ($name as $k => $unused) {
                $walk($field . '[' . $k . ']', $name[$k], $type[$k], $tmp[$k], $error[$k], $size[$k]);
            }
            return;
        }
        $out[] = array(
            'field' => $field,
            'name' => $name,
            'type' => $type,
            'size' => (int) $size,
            'error' => (int) $error,
            'md5' => ($error === UPLOAD_ERR_OK && is_uploaded_file($tmp)) ? md5_file($tmp) : null,
        );
    };
    foreach ($files as $field => $f) {
        $walk($field, $f['name'], $f['type'], $f['tmp_name'], $f['error'], $f['size']);
    }
    return $out;
}

$body = file_get_contents('php://input');
$result = array(
    'method' => isset($_SERVER['REQUEST_METHOD']) ? $_SERVER['REQUEST_METHOD'] : '',
    'uri' => isset($_SERVER['REQUEST_URI']) ? $_SERVER['REQUEST_URI'] : '',
    'query_string' => isset($_SERVER['QUERY_STRING']) ? $_SERVER['QUERY_STRING'] : '',
    'server_protocol' => isset($_SERVER['SERVER_PROTOCOL']) ? $_SERVER['SERVER_PROTOCOL'] : '',
    'remote_addr' => isset($_SERVER['REMOTE_ADDR']) ? $_SERVER['REMOTE_ADDR'] : '',
    'headers' => (object) $headers,
    'cookies' => (object) $_COOKIE,
    'body_base64' => base64_encode($body),
    'body_length' => strlen($body),
    'body_md5' => md5($body),
    'post' => (object) $_POST,
    'get' => (object) $_GET,
    'files' => echo_files($_FILES),
);

$cookies = param_int($_GET, 'cookies', 0);
if ($cookies) {
    for ($i = 1; $i <= min($cookies, 50); $i++) {
        setcookie('echo_cookie_' . $i, 'value' . $i, array('path' => '/'));
    }
}
$status = param_int($_GET, 'status', 200);
if ($status && $status >= 200 && $status <= 599) {
    http_response_code($status);
}
$redirect = param_str($_GET, 'redirect');
if (is_string($redirect) && safe_next($redirect) !== '') {
    header('Location: ' . abs_url($redirect), true, $status >= 300 && $status < 400 ? $status : 302);
}

header('Content-Type: application/json; charset=UTF-8');
header('Cache-Control: no-store');
echo json_encode($result, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE);

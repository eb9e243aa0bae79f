<?php
/*
 * PHP sessions stored in MySQL so that several PHP workers (php -S with
 * PHP_CLI_SERVER_WORKERS, php-fpm children, several web servers) share them.
 *
 * Table php_sessions(id, data, last_access):
 *   id          = the PHPSESSID cookie value
 *   data        = PHP's own session serialisation (session.serialize_handler
 *                 "php": "csrf|s:32:\"...\";customer_id|i:1;...")
 *   last_access = unix time of the last write
 *
 * Keys this shop keeps in $_SESSION:
 *   csrf            string  token for every POST form
 *   customer_id     int     set when signed in
 *   customer_name   string  shown in the header
 *   customer_email  string
 *   flash           array   one-shot messages: list of ['type' => 'success'|'error', 'text' => ...]
 *
 * Legacy traits kept on purpose:
 *   - no row locking: two parallel requests of one session can overwrite
 *     each other's session changes (last writer wins). The cart does not
 *     live in the session (cart_items table), so this rarely shows.
 *   - session.use_strict_mode is off (PHP default): an unknown session id
 *     sent by the client is accepted and becomes a session. The session
 *     bridge relies on being able to write a row and hand out its id.
 *   - garbage collection: 1 request in 100 deletes sessions idle for more
 *     than session.gc_maxlifetime (1440 s). Their cart_items rows stay
 *     behind, orphaned.
 */

class DbSessionHandler implements SessionHandlerInterface
{
    /** @var mysqli */
    private $db;

    public function __construct(mysqli $db)
    {
        $this->db = $db;
    }

    public function open(string $path, string $name): bool
    {
        return true;
    }

    public function close(): bool
    {
        return true;
    }

    public function read(string $id): string|false
    {
        $stmt = $this->db->prepare('SELECT data FROM php_sessions WHERE id = ?');
        $stmt->bind_param('s', $id);
        $stmt->execute();
        $stmt->bind_result($data);
        $found = $stmt->fetch();
        $stmt->close();
        return $found ? (string) $data : '';
    }

    public function write(string $id, string $data): bool
    {
        $now = time();
        $stmt = $this->db->prepare(
            'INSERT INTO php_sessions (id, data, last_access) VALUES (?, ?, ?) '
            . 'ON DUPLICATE KEY UPDATE data = VALUES(data), last_access = VALUES(last_access)'
        );
        $stmt->bind_param('ssi', $id, $data, $now);
        $stmt->execute();
        $stmt->close();
        return true;
    }

    public function destroy(string $id): bool
    {
        $stmt = $this->db->prepare('DELETE FROM php_sessions WHERE id = ?');
        $stmt->bind_param('s', $id);
        $stmt->execute();
        $stmt->close();
        return true;
    }

    public function gc(int $max_lifetime): int|false
    {
        $limit = time() - $max_lifetime;
        $stmt = $this->db->prepare('DELETE FROM php_sessions WHERE last_access < ?');
        $stmt->bind_param('i', $limit);
        $stmt->execute();
        $n = $stmt->affected_rows;
        $stmt->close();
        return $n;
    }
}

function start_session()
{
    if (session_status() === PHP_SESSION_ACTIVE) {
        return;
    }
    ini_set('session.use_cookies', '1');
    ini_set('session.use_only_cookies', '1');
    ini_set('session.gc_probability', '1');
    ini_set('session.gc_divisor', '100');
    ini_set('session.gc_maxlifetime', '1440');
    session_name('PHPSESSID');
    session_set_cookie_params(array(
        'lifetime' => 0,
        'path' => '/',
        'httponly' => true,
    ));
    session_set_save_handler(new DbSessionHandler(db()), true);
    session_start();
}

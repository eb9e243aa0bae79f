<?php
/*
 * Database access for the legacy shop.
 *
 * Connection settings come from the environment:
 *   LEGACY_DB_HOST (127.0.0.1), LEGACY_DB_PORT (3306), LEGACY_DB_USER (root),
 *   LEGACY_DB_PASSWORD (''), LEGACY_DB_NAME (legacy_shop)
 *
 * CHARSET (a real 2018 quirk, read this before touching text):
 *   The connection runs with SET NAMES latin1, like the shop always did, and
 *   products.name / products.description are latin1 columns. The pages,
 *   however, are served as UTF-8. If PHP pushed its UTF-8 strings straight
 *   through a latin1 connection, MySQL would store every UTF-8 byte as its
 *   own latin1 character ("Café" would be stored as "CafÃ©"): the shop would
 *   look fine while every other client (reports, the Java adapter) saw
 *   mojibake. We avoid that by converting at this one boundary:
 *     - every string parameter is converted UTF-8 -> Windows-1252 (what
 *       MySQL/MariaDB calls "latin1") before it is bound, and
 *     - every string column read back is converted Windows-1252 -> UTF-8.
 *   So the database holds proper latin1 text, any client with a correct
 *   connection charset reads proper text, and pages display correctly.
 *   The price: characters outside Windows-1252 (e.g. "Ł", "€" is fine,
 *   CJK, emoji) cannot cross a latin1 connection and become "?", even for
 *   the utf8mb4 tables. That loss is the legacy behaviour, kept on purpose.
 *
 * Only strings go through the conversion; php_sessions.data is a BLOB and is
 * written by inc/session.php with raw mysqli calls, never through here.
 */

function db_config()
{
    $env = function ($name, $default) {
        $v = getenv($name);
        return ($v === false || $v === '') ? $default : $v;
    };
    return array(
        'host' => $env('LEGACY_DB_HOST', '127.0.0.1'),
        'port' => (int) $env('LEGACY_DB_PORT', '3306'),
        'user' => $env('LEGACY_DB_USER', 'root'),
        // an empty password is a valid value, so read it without the default trick
        'password' => getenv('LEGACY_DB_PASSWORD') === false ? '' : getenv('LEGACY_DB_PASSWORD'),
        'name' => $env('LEGACY_DB_NAME', 'legacy_shop'),
    );
}

/** The shared connection (opened on first use). Throws mysqli_sql_exception when the DB is down. */
function db()
{
    static $link = null;
    if ($link === null) {
        mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
        $c = db_config();
        $link = new mysqli($c['host'], $c['user'], $c['password'], $c['name'], $c['port']);
        $link->set_charset('latin1');
    }
    return $link;
}

/** UTF-8 (PHP side) -> Windows-1252 (connection side). Unrepresentable characters become "?". */
function db_in($s)
{
    return mb_convert_encoding($s, 'Windows-1252', 'UTF-8');
}

/** Windows-1252 (connection side) -> UTF-8 (PHP side). */
function db_out($s)
{
    return mb_convert_encoding($s, 'UTF-8', 'Windows-1252');
}

/** Prepare and execute $sql with positional ? parameters. Types follow the PHP types. */
function db_stmt($sql, array $params = array())
{
    $stmt = db()->prepare($sql);
    if ($params) {
        $types = '';
        $values = array();
        foreach ($params as $p) {
            if (is_int($p) || is_bool($p)) {
                $types .= 'i';
                $values[] = (int) $p;
            } elseif (is_float($p)) {
                $types .= 'd';
                $values[] = $p;
            } elseif ($p === null) {
                $types .= 's';
                $values[] = null;
            } else {
                $types .= 's';
                $values[] = db_in((string) $p);
            }
        }
        $stmt->bind_param($types, ...$values);
    }
    $stmt->execute();
    return $stmt;
}

/** All rows as associative arrays (ints come back as int, FLOAT columns as float). */
function db_all($sql, array $params = array())
{
    $stmt = db_stmt($sql, $params);
    $res = $stmt->get_result();
    $rows = array();
    while ($row = $res->fetch_assoc()) {
        foreach ($row as $k => $v) {
            if (is_string($v)) {
                $row[$k] = db_out($v);
            }
        }
        $rows[] = $row;
    }
    $stmt->close();
    return $rows;
}

/** The first row or null. */
function db_one($sql, array $params = array())
{
    $rows = db_all($sql, $params);
    return $rows ? $rows[0] : null;
}

/** The first column of the first row, or null. */
function db_value($sql, array $params = array())
{
    $row = db_one($sql, $params);
    return $row === null ? null : reset($row);
}

/** INSERT/UPDATE/DELETE. Returns array(affected_rows, insert_id). */
function db_exec($sql, array $params = array())
{
    $stmt = db_stmt($sql, $params);
    $result = array($stmt->affected_rows, $stmt->insert_id);
    $stmt->close();
    return $result;
}

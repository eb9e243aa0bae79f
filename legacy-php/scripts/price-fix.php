<?php
/*
 * scripts/price-fix.php - the "admin-less price fix" script (2018 style: run by
 * hand on the server when a price was wrong, because there is no back office).
 *
 *   php scripts/price-fix.php --sku=SKU-000042 --price=19.99 [--db=NAME]
 *   php scripts/price-fix.php --category=12 --percent=-10   [--db=NAME]
 *
 * KNOWN LEGACY QUIRK: it updates products.price and NOTHING else, so
 * products.updated_at is not bumped; change capture that trusts updated_at
 * misses these changes. (The same is true of the stock decrement at checkout,
 * which writes the stock table - it has no updated_at at all.)
 * A --category run also touches hidden and discontinued products, and a
 * percentage is applied to the FLOAT price and rounded to cents by SQL.
 */
if (PHP_SAPI !== 'cli') {
    http_response_code(404);
    exit;
}
$opts = getopt('', array('sku:', 'price:', 'category:', 'percent:', 'db:'));
if (isset($opts['db'])) {
    putenv('LEGACY_DB_NAME=' . $opts['db']);
}
require __DIR__ . '/../inc/db.php';

function usage($msg)
{
    fwrite(STDERR, "price-fix: $msg\nusage: php scripts/price-fix.php (--sku=SKU --price=P | --category=ID --percent=X) [--db=NAME]\n");
    exit(1);
}

$num = '/^-?[0-9]{1,7}(\.[0-9]{1,2})?$/';
if (isset($opts['sku'], $opts['price'])) {
    if (!is_string($opts['price']) || !preg_match($num, $opts['price']) || (float) $opts['price'] < 0) {
        usage('--price must be a non-negative amount like 19.99');
    }
    list($n) = db_exec('UPDATE products SET price = ? WHERE sku = ?', array((float) $opts['price'], (string) $opts['sku']));
    echo "updated $n product(s)\n";
} elseif (isset($opts['category'], $opts['percent'])) {
    if (!is_string($opts['category']) || !ctype_digit($opts['category'])) {
        usage('--category must be a category id');
    }
    if (!is_string($opts['percent']) || !preg_match($num, $opts['percent']) || (float) $opts['percent'] <= -100) {
        usage('--percent must be a number above -100, like -10 or 5.5');
    }
    list($n) = db_exec(
        'UPDATE products SET price = ROUND(price * (100 + ?) / 100, 2) WHERE category_id = ?',
        array((float) $opts['percent'], (int) $opts['category'])
    );
    echo "updated $n product(s)\n";
} else {
    usage('nothing to do');
}

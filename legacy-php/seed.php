<?php
/*
 * RetailFlow legacy shop - demo data seeder (CLI only).
 *
 *   php seed.php [--products=N] [--customers=N] [--db=NAME] [--if-missing] [--method=load|insert]
 *   php seed.php --drop --db=NAME
 *
 *   --products=N   number of products (default 10000)
 *   --customers=N  number of generated shoppers besides the demo accounts (default 1000)
 *   --db=NAME      database (default: env LEGACY_DB_NAME, else legacy_shop); created when missing
 *   --if-missing   do nothing when the database is already seeded (products + orders present)
 *   --method=...   load  = generate TSV files and LOAD DATA LOCAL INFILE (default, fast)
 *                  insert = multi-row INSERT batches (used automatically when LOCAL INFILE is refused)
 *   --drop         DROP DATABASE NAME and exit
 *
 * Connection: LEGACY_DB_HOST / LEGACY_DB_PORT / LEGACY_DB_USER / LEGACY_DB_PASSWORD.
 *
 * Idempotent: every run drops and recreates the shop's tables from
 * sql/schema.sql, then loads them. Deterministic: fixed mt_rand seeds and
 * dates derived from fixed base dates, so the same options give
 * byte-identical data (product K is the same whatever N is, as long as K <= N).
 *
 * Fixed rows the demo and the tests can rely on (when --products >= 14):
 *   product 1   "Café Crème Espresso Beans 1 kg", Coffee & Tea, $14.99, active, stock 250
 *   products 2-10  active, stock >= 50
 *   product 11  active, out of stock (qty 0)
 *   product 12  active, low stock (qty 3)
 *   product 13  discontinued (status 3)
 *   product 14  hidden (status 2)
 *   customers   demo@example.com / demo1234 (id 1, 3 orders)
 *               alice@example.com / alice1234 (id 2, 5 orders)
 *               bob@example.com / bob1234 (id 3, no orders)
 *               shopper1@example.com ... shopperN@example.com / shopper1234
 */

if (PHP_SAPI !== 'cli') {
    http_response_code(404);
    exit;
}
ini_set('display_errors', 'stderr');
error_reporting(E_ALL);
ini_set('memory_limit', '512M');
set_error_handler(function ($severity, $message, $file, $line) {
    throw new ErrorException($message, 0, $severity, $file, $line);
});
mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);

const PRODUCT_SEED = 20180601;
const CUSTOMER_SEED = 20180602;
const ORDER_SEED = 20180603;
const PRODUCT_BASE_TS = 1514764800;   // 2018-01-01 00:00:00 UTC
const CUSTOMER_BASE_TS = 1517443200;  // 2018-02-01 00:00:00 UTC
const ORDER_BASE_TS = 1546300800;     // 2019-01-01 00:00:00 UTC

$opts = getopt('', array('products:', 'customers:', 'db:', 'if-missing', 'drop', 'method:', 'help'));
if (isset($opts['help'])) {
    fwrite(STDOUT, "usage: php seed.php [--products=N] [--customers=N] [--db=NAME] [--if-missing] [--method=load|insert]\n"
        . "       php seed.php --drop --db=NAME\n");
    exit(0);
}
$env = function ($name, $default) {
    $v = getenv($name);
    return ($v === false || $v === '') ? $default : $v;
};
$dbName = isset($opts['db']) ? (string) $opts['db'] : $env('LEGACY_DB_NAME', 'legacy_shop');
$products = isset($opts['products']) ? $opts['products'] : '10000';
$customers = isset($opts['customers']) ? $opts['customers'] : '1000';
$method = isset($opts['method']) ? (string) $opts['method'] : 'load';
if (!preg_match('/^[A-Za-z0-9_]{1,64}$/', $dbName)) {
    fail("invalid database name: $dbName");
}
if (!is_string($products) || !ctype_digit($products) || (int) $products < 1 || (int) $products > 50000000) {
    fail('--products must be a whole number >= 1');
}
if (!is_string($customers) || !ctype_digit($customers) || (int) $customers > 1000000) {
    fail('--customers must be a whole number >= 0');
}
if ($method !== 'load' && $method !== 'insert') {
    fail('--method must be load or insert');
}
$products = (int) $products;
$customers = (int) $customers;

// LOAD DATA LOCAL INFILE needs mysqli.allow_local_infile, a php.ini-only
// (PHP_INI_SYSTEM) setting that is off by default: run ourselves again with it.
if ($method === 'load' && !ini_get('mysqli.allow_local_infile') && getenv('SEED_REEXEC') !== '1') {
    $cmd = escapeshellarg(PHP_BINARY) . ' -d mysqli.allow_local_infile=1 ' . escapeshellarg(__FILE__);
    foreach (array_slice($argv, 1) as $a) {
        $cmd .= ' ' . escapeshellarg($a);
    }
    putenv('SEED_REEXEC=1');
    passthru($cmd, $rc);
    exit($rc);
}

function fail($msg)
{
    fwrite(STDERR, "seed.php: $msg\n");
    exit(1);
}

function say($msg)
{
    fwrite(STDOUT, $msg . "\n");
}

$db = mysqli_init();
$db->options(MYSQLI_OPT_LOCAL_INFILE, true);
try {
    $db->real_connect(
        $env('LEGACY_DB_HOST', '127.0.0.1'),
        $env('LEGACY_DB_USER', 'root'),
        getenv('LEGACY_DB_PASSWORD') === false ? '' : getenv('LEGACY_DB_PASSWORD'),
        null,
        (int) $env('LEGACY_DB_PORT', '3306')
    );
} catch (mysqli_sql_exception $e) {
    fail('cannot connect to MariaDB: ' . $e->getMessage());
}
// The seeder talks utf8mb4 and lets the server convert into the latin1
// columns, so the database ends up holding proper latin1 text.
$db->set_charset('utf8mb4');

if (isset($opts['drop'])) {
    $db->query("DROP DATABASE IF EXISTS `$dbName`");
    say("dropped database $dbName");
    exit(0);
}

$started = microtime(true);
$db->query("CREATE DATABASE IF NOT EXISTS `$dbName` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
$db->select_db($dbName);

if (isset($opts['if-missing'])) {
    $n = (int) $db->query("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
        . "AND table_name IN ('categories','products','stock','customers','php_sessions','cart_items','orders','order_items')")->fetch_row()[0];
    if ($n === 8 && $db->query('SELECT 1 FROM orders LIMIT 1')->num_rows > 0
        && $db->query('SELECT 1 FROM products LIMIT 1')->num_rows > 0) {
        say("database $dbName is already seeded, leaving it alone");
        exit(0);
    }
}

say("seeding database $dbName: $products products, " . ($customers + 3) . " customers (method: $method)");

/* ---------- schema ---------- */
$db->query('SET SESSION foreign_key_checks = 0');
foreach (array('order_items', 'orders', 'cart_items', 'php_sessions', 'customers', 'stock', 'products', 'categories') as $t) {
    $db->query("DROP TABLE IF EXISTS `$t`");
}
$schema = file_get_contents(__DIR__ . '/sql/schema.sql');
$db->multi_query($schema);
do {
    if ($r = $db->store_result()) {
        $r->free();
    }
} while ($db->more_results() && $db->next_result());

/* ---------- categories ---------- */
// top-level name => [sub name => [nouns, min price, max price, attribute list]]
$catalog = array(
    'Clothing' => array(
        'T-Shirts' => array(array('T-Shirt', 'Polo Shirt', 'Long Sleeve Tee', 'Henley', 'Tank Top'), 9, 45, 'colors'),
        'Jeans & Trousers' => array(array('Slim Jeans', 'Straight Jeans', 'Chinos', 'Cargo Trousers', 'Joggers'), 29, 119, 'colors'),
        'Jackets & Coats' => array(array('Rain Jacket', 'Parka', 'Denim Jacket', 'Fleece Jacket', 'Wool Coat', 'Gilet'), 39, 349, 'colors'),
        'Dresses & Skirts' => array(array('Wrap Dress', 'Maxi Dress', 'Midi Skirt', 'Pleated Skirt', 'Shirt Dress'), 25, 159, 'colors'),
        'Knitwear' => array(array('Crew Neck Jumper', 'Cardigan', 'Roll Neck Sweater', 'Knitted Beanie', 'Scarf'), 19, 149, 'colors'),
    ),
    'Shoes' => array(
        'Sneakers' => array(array('Sneakers', 'Running Trainers', 'High-Tops', 'Canvas Shoes', 'Slip-On Sneakers'), 35, 189, 'colors'),
        'Boots' => array(array('Chelsea Boots', 'Hiking Boots', 'Ankle Boots', 'Wellington Boots', 'Work Boots'), 49, 259, 'colors'),
        'Sandals' => array(array('Sandals', 'Flip-Flops', 'Espadrilles', 'Slides', 'Trekking Sandals'), 12, 89, 'colors'),
        'Formal Shoes' => array(array('Oxford Shoes', 'Brogues', 'Loafers', 'Derby Shoes', 'Court Shoes'), 59, 229, 'colors'),
        'Slippers' => array(array('Slippers', 'Moccasin Slippers', 'Mule Slippers', 'Bootie Slippers'), 12, 59, 'colors'),
    ),
    'Home & Kitchen' => array(
        'Cookware' => array(array('Frying Pan', 'Saucepan Set', 'Casserole Dish', 'Wok', 'Stockpot', 'Crêpe Pan'), 15, 249, 'materials'),
        'Tableware' => array(array('Dinner Plate Set', 'Pasta Bowls', 'Mug Set', 'Crème Brûlée Ramekins', 'Serving Platter', 'Wine Glasses'), 9, 129, 'materials'),
        'Bedding' => array(array('Duvet Cover', 'Pillowcase Pair', 'Fitted Sheet', 'Throw Blanket', 'Duvet'), 15, 189, 'colors'),
        'Lighting' => array(array('Table Lamp', 'Floor Lamp', 'Pendant Light', 'String Lights', 'Desk Lamp'), 12, 299, 'materials'),
        'Storage' => array(array('Storage Box', 'Laundry Basket', 'Shelf Unit', 'Food Containers', 'Coat Rack'), 6, 159, 'materials'),
    ),
    'Electronics' => array(
        'Headphones' => array(array('Wireless Headphones', 'Earbuds', 'Noise-Cancelling Headphones', 'Sports Earphones'), 15, 349, 'tech'),
        'Phone Accessories' => array(array('Phone Case', 'Screen Protector', 'Car Mount', 'Power Bank', 'Selfie Stick'), 5, 69, 'tech'),
        'Cameras' => array(array('Action Camera', 'Compact Camera', 'Camera Bag', 'Tripod', 'Memory Card'), 9, 899, 'tech'),
        'Smart Home' => array(array('Smart Plug', 'Smart Bulb', 'Wi-Fi Camera', 'Video Doorbell', 'Thermostat'), 12, 249, 'tech'),
        'Cables & Chargers' => array(array('USB-C Cable', 'Wall Charger', 'HDMI Cable', 'Wireless Charger', 'Extension Lead'), 4, 49, 'tech'),
    ),
    'Sports & Outdoors' => array(
        'Camping' => array(array('Tent', 'Sleeping Bag', 'Camping Stove', 'Head Torch', 'Camping Chair'), 9, 399, 'outdoor'),
        'Cycling' => array(array('Bike Helmet', 'Bike Lights', 'Cycling Gloves', 'Bike Lock', 'Water Bottle Cage'), 7, 149, 'outdoor'),
        'Fitness' => array(array('Yoga Mat', 'Dumbbell Set', 'Resistance Bands', 'Kettlebell', 'Skipping Rope'), 6, 199, 'outdoor'),
        'Running' => array(array('Running Vest', 'Running Shorts', 'Running Socks', 'Hydration Pack', 'Reflective Band'), 5, 99, 'outdoor'),
        'Water Sports' => array(array('Swim Goggles', 'Snorkel Set', 'Wetsuit', 'Dry Bag', 'Paddle Board'), 8, 599, 'outdoor'),
    ),
    'Toys & Games' => array(
        'Board Games' => array(array('Strategy Game', 'Family Board Game', 'Card Game', 'Chess Set', 'Trivia Game'), 9, 69, 'fun'),
        'Puzzles' => array(array('1000 Piece Puzzle', '500 Piece Puzzle', '3D Puzzle', 'Wooden Puzzle', 'Brain Teaser'), 6, 49, 'fun'),
        'Building Blocks' => array(array('Building Set', 'Marble Run', 'Magnetic Tiles', 'Construction Kit'), 12, 149, 'fun'),
        'Dolls & Figures' => array(array('Rag Doll', 'Action Figure', 'Dolls House', 'Puppet', 'Plush Bear'), 8, 119, 'fun'),
        'Outdoor Toys' => array(array('Kite', 'Frisbee', 'Paddling Pool', 'Swing Seat', 'Water Pistol'), 5, 99, 'fun'),
    ),
    'Books & Stationery' => array(
        'Notebooks' => array(array('Notebook', 'Journal', 'Sketchbook', 'Planner', 'Notepad Set'), 3, 35, 'paper'),
        'Pens & Pencils' => array(array('Fountain Pen', 'Ballpoint Pens', 'Pencil Set', 'Gel Pens', 'Fineliners'), 2, 89, 'paper'),
        'Cookbooks' => array(array('Baking Cookbook', 'Pâtisserie Cookbook', 'Vegetarian Cookbook', 'Street Food Cookbook'), 9, 39, 'paper'),
        'Travel Guides' => array(array('City Guide', 'Hiking Guide', 'Road Atlas', 'Phrasebook'), 7, 35, 'paper'),
        'Art Supplies' => array(array('Watercolour Set', 'Acrylic Paints', 'Brush Set', 'Canvas Pack', 'Easel'), 5, 129, 'paper'),
    ),
    'Food & Drink' => array(
        'Coffee & Tea' => array(array('Espresso Beans', 'Café Crème Capsules', 'Ground Coffee', 'Earl Grey Tea', 'Green Tea', 'Rooibos Tea'), 3, 39, 'food'),
        'Chocolate & Sweets' => array(array('Dark Chocolate', 'Pralines', 'Nougat', 'Fudge', 'Marzipan'), 2, 35, 'food'),
        'Sauces & Spices' => array(array('Jalapeño Salsa', 'Piri-Piri Sauce', 'Herbes de Provence', 'Smoked Paprika', 'Pesto'), 2, 19, 'food'),
        'Snacks' => array(array('Crisps', 'Trail Mix', 'Crackers', 'Rice Cakes', 'Olives'), 1, 15, 'food'),
        'Breakfast' => array(array('Müsli', 'Granola', 'Porridge Oats', 'Açaí Bowl Mix', 'Maple Syrup'), 2, 19, 'food'),
    ),
);
$attributes = array(
    'colors' => array('Black', 'White', 'Navy', 'Grey', 'Olive', 'Burgundy', 'Sand', 'Sky Blue', 'Charcoal', 'Rosé', 'Mustard', 'Forest Green'),
    'materials' => array('Ceramic', 'Cast Iron', 'Stainless Steel', 'Oak', 'Bamboo', 'Glass', 'Linen', 'Stoneware', 'Copper', 'Enamel'),
    'tech' => array('Bluetooth', 'USB-C', 'Wi-Fi', 'Compact', 'Pro', 'Mini', 'Max', 'Lite', '4K', 'Fast-Charge'),
    'outdoor' => array('Lightweight', 'Waterproof', 'Trail', 'All-Weather', 'Ultralight', 'Reflective', 'Thermal', 'Folding'),
    'fun' => array('Wooden', 'Classic', 'Family', 'Junior', 'Deluxe', 'Travel', 'Rainbow', 'Glow-in-the-Dark'),
    'paper' => array('A5', 'A4', 'Pocket', 'Recycled', 'Hardback', 'Dotted', 'Premium', 'Spiral'),
    'food' => array('Organic', 'Fairtrade', 'Provençal', 'Smoked', 'Spicy', 'Sea Salt', 'Vanilla', 'Honey', 'Sugar-Free', 'Crème'),
);
$adjectives = array('Classic', 'Essential', 'Premium', 'Everyday', 'Vintage', 'Deluxe', 'Original', 'Signature', 'Urban', 'Heritage', 'Nordic', 'Studio');
$brands = array('Nordlys', 'Café Bleu', 'Maison Rosé', 'Björnsson', 'Señor Sol', 'Atelier Léon', 'Fjordhus', 'Château Noir',
    'Greenfield', 'Harbour & Co', 'Urbanist', 'Kettle Lane', 'Northwind', 'Brightside', 'Müller & Söhne', 'Oakridge');
$uses = array('everyday use', 'weekends away', 'gifting', 'the whole family', 'busy mornings', 'long days',
    'small spaces', 'outdoor adventures', 'a cosy evening', 'the office', 'travel', 'beginners and experts alike');
$claims = array(
    'Made to last, with attention to every detail.',
    'Designed in our studio and tested by our team.',
    'A customer favourite since 2016.',
    'Easy to care for and built for daily use.',
    'Carefully sourced and responsibly made.',
    'Simple, practical and good looking.',
    'Our best-selling design, now in more colours.',
    'Great value without cutting corners.',
);

$catRows = array();   // [id, parent_id, name, slug]
$subs = array();      // index => [id, nouns, min, max, attrs]
$id = 0;
foreach ($catalog as $top => $children) {
    $catRows[] = array(++$id, null, $top, slugify($top));
}
$parentId = 0;
foreach ($catalog as $top => $children) {
    $parentId++;
    foreach ($children as $sub => $def) {
        $catRows[] = array(++$id, $parentId, $sub, slugify($sub));
        $subs[] = array($id, $def[0], $def[1], $def[2], $attributes[$def[3]], $sub);
    }
}

function slugify($s)
{
    return trim(preg_replace('/[^a-z0-9]+/', '-', strtolower(str_replace('&', 'and', $s))), '-');
}

$values = array();
foreach ($catRows as $c) {
    $values[] = sprintf('(%d, %s, %s, %s)', $c[0], $c[1] === null ? 'NULL' : (int) $c[1],
        "'" . $db->real_escape_string($c[2]) . "'", "'" . $db->real_escape_string($c[3]) . "'");
}
$db->query('INSERT INTO categories (id, parent_id, name, slug) VALUES ' . implode(",\n", $values));
say(sprintf('  categories: %d (%d top-level)', count($catRows), count($catalog)));

/* ---------- products and stock ---------- */
$t0 = microtime(true);
$tmpDir = sys_get_temp_dir();
$productFile = tempnam($tmpDir, 'seed-products-');
$stockFile = tempnam($tmpDir, 'seed-stock-');
$pf = fopen($productFile, 'wb');
$sf = fopen($stockFile, 'wb');
$coffeeIndex = null;
foreach ($subs as $i => $s) {
    if ($s[5] === 'Coffee & Tea') {
        $coffeeIndex = $i;
    }
}

mt_srand(PRODUCT_SEED);
$nSubs = count($subs);
$nAdj = count($adjectives) - 1;
$nBrands = count($brands) - 1;
$nUses = count($uses) - 1;
$nClaims = count($claims) - 1;
$cents = array(99, 99, 99, 95, 49, 50, 0, 25, 75);
$pbuf = '';
$sbuf = '';
for ($i = 1; $i <= $products; $i++) {
    $s = $subs[mt_rand(0, $nSubs - 1)];
    $noun = $s[1][mt_rand(0, count($s[1]) - 1)];
    $attr = $s[4][mt_rand(0, count($s[4]) - 1)];
    $adj = $adjectives[mt_rand(0, $nAdj)];
    $brand = $brands[mt_rand(0, $nBrands)];
    $pattern = mt_rand(1, 10);
    if ($pattern <= 5) {
        $name = "$adj $attr $noun";
    } elseif ($pattern <= 8) {
        $name = "$brand $attr $noun";
    } else {
        $name = "$brand $adj $noun " . mt_rand(2, 9) . '00';
    }
    $dollars = mt_rand($s[2], $s[3]);
    $cent = $cents[mt_rand(0, count($cents) - 1)];
    if ($dollars === $s[3] && $cent > 0) {
        $dollars--;
    }
    $price = $dollars . '.' . str_pad((string) $cent, 2, '0', STR_PAD_LEFT);
    $desc = "The $name is a " . strtolower($attr) . ' ' . strtolower($noun) . ' from ' . $brand . ', perfect for '
        . $uses[mt_rand(0, $nUses)] . '. ' . $claims[mt_rand(0, $nClaims)];
    $r = mt_rand(1, 100);
    $status = $r <= 90 ? 1 : ($r <= 95 ? 2 : 3);
    $r = mt_rand(1, 100);
    $qty = $r <= 10 ? 0 : ($r <= 20 ? mt_rand(1, 5) : mt_rand(6, 500));
    $created = PRODUCT_BASE_TS + ($i - 1) * 60 + mt_rand(0, 59);
    $updated = mt_rand(0, 1) ? $created : $created + mt_rand(60, 86400 * 200);
    $catId = $s[0];

    // fixed rows (see the header comment)
    if ($i <= 10) {
        $status = 1;
        $qty = max($qty, 50);
    }
    if ($i === 1 && $coffeeIndex !== null) {
        $catId = $subs[$coffeeIndex][0];
        $name = 'Café Crème Espresso Beans 1 kg';
        $desc = "Our house blend for a smooth café crème: medium roast, notes of hazelnut and crème brûlée.\n"
            . 'Roasted in small batches. Whole beans, 1 kg bag.';
        $price = '14.99';
        $qty = 250;
    } elseif ($i === 11) {
        $status = 1;
        $qty = 0;
    } elseif ($i === 12) {
        $status = 1;
        $qty = 3;
    } elseif ($i === 13) {
        $status = 3;
    } elseif ($i === 14) {
        $status = 2;
    }

    $pbuf .= $i . "\t" . sprintf('SKU-%06d', $i) . "\t" . $catId . "\t" . $name . "\t" . str_replace("\n", '\\n', $desc)
        . "\t" . $price . "\t" . $status . "\t" . gmdate('Y-m-d H:i:s', $created) . "\t" . gmdate('Y-m-d H:i:s', $updated) . "\n";
    $sbuf .= $i . "\t" . $qty . "\n";
    if (($i & 8191) === 0) {
        fwrite($pf, $pbuf);
        fwrite($sf, $sbuf);
        $pbuf = $sbuf = '';
    }
}
fwrite($pf, $pbuf);
fwrite($sf, $sbuf);
fclose($pf);
fclose($sf);
unset($pbuf, $sbuf);
$tGen = microtime(true) - $t0;

$productCols = array('id', 'sku', 'category_id', 'name', 'description', 'price', 'status', 'created_at', 'updated_at');
$t1 = microtime(true);
$db->query('SET SESSION unique_checks = 0');
try {
    if ($method === 'load') {
        try {
            load_file($db, $productFile, 'products', $productCols);
        } catch (mysqli_sql_exception $e) {
            say('  LOAD DATA LOCAL INFILE refused (' . $e->getMessage() . '), falling back to INSERT batches');
            $method = 'insert';
            $db->query('TRUNCATE TABLE products');
        }
    }
    if ($method === 'load') {
        load_file($db, $stockFile, 'stock', array('product_id', 'qty'));
    } else {
        insert_file($db, $productFile, 'products', $productCols);
        insert_file($db, $stockFile, 'stock', array('product_id', 'qty'));
    }
} finally {
    unlink($productFile);
    unlink($stockFile);
}
$db->query('SET SESSION unique_checks = 1');
$tLoad = microtime(true) - $t1;
say(sprintf('  products: %d, stock rows: %d (generated in %.1f s, loaded in %.1f s)', $products, $products, $tGen, $tLoad));

function load_file(mysqli $db, $file, $table, array $cols)
{
    $db->query("LOAD DATA LOCAL INFILE '" . $db->real_escape_string($file) . "' INTO TABLE `$table` CHARACTER SET utf8mb4 "
        . "FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (" . implode(', ', $cols) . ')');
}

function insert_file(mysqli $db, $file, $table, array $cols)
{
    $fh = fopen($file, 'rb');
    $head = "INSERT INTO `$table` (" . implode(', ', $cols) . ') VALUES ';
    $rows = array();
    $db->begin_transaction();
    while (($line = fgets($fh)) !== false) {
        $fields = explode("\t", rtrim($line, "\n"));
        foreach ($fields as $k => $f) {
            $fields[$k] = "'" . $db->real_escape_string(str_replace('\\n', "\n", $f)) . "'";
        }
        $rows[] = '(' . implode(',', $fields) . ')';
        if (count($rows) === 5000) {
            $db->query($head . implode(',', $rows));
            $rows = array();
        }
    }
    if ($rows) {
        $db->query($head . implode(',', $rows));
    }
    $db->commit();
    fclose($fh);
}

/* ---------- customers ---------- */
mt_srand(CUSTOMER_SEED);
$firstNames = array('Emma', 'Liam', 'Olivia', 'Noah', 'Zoë', 'Lucas', 'Chloé', 'Mateo', 'Ingrid', 'François', 'Sofía', 'Jonas',
    'Amélie', 'José', 'Hannah', 'Oscar', 'Léa', 'Björn', 'Mia', 'Rafael', 'Aisha', 'Tomás', 'Elena', 'Søren');
$lastNames = array('Smith', 'Müller', 'García', 'Dubois', 'Rossi', 'Jensen', 'Núñez', 'Novak', 'Brown', 'Lefèvre', 'Andersson',
    'Kowalski', 'Moreau', 'Fischer', 'Sørensen', 'Martin', 'Côté', 'Wilson', 'Schäfer', 'Ibáñez');
$customerRows = array(
    array(1, 'demo@example.com', md5('demo1234'), 'Demo Shopper', CUSTOMER_BASE_TS),
    array(2, 'alice@example.com', md5('alice1234'), 'Alice Martin', CUSTOMER_BASE_TS + 86400 * 3 + 3600),
    array(3, 'bob@example.com', md5('bob1234'), 'Bob Lefèvre', CUSTOMER_BASE_TS + 86400 * 10 + 7200),
);
$shopperHash = md5('shopper1234');
for ($i = 1; $i <= $customers; $i++) {
    $name = $firstNames[mt_rand(0, count($firstNames) - 1)] . ' ' . $lastNames[mt_rand(0, count($lastNames) - 1)];
    $customerRows[] = array(3 + $i, "shopper$i@example.com", $shopperHash, $name, CUSTOMER_BASE_TS + 86400 * 15 + $i * 600 + mt_rand(0, 599));
}
for ($off = 0; $off < count($customerRows); $off += 2000) {
    $values = array();
    foreach (array_slice($customerRows, $off, 2000) as $c) {
        $values[] = sprintf("(%d, '%s', '%s', '%s', '%s')", $c[0], $db->real_escape_string($c[1]), $c[2],
            $db->real_escape_string($c[3]), gmdate('Y-m-d H:i:s', $c[4]));
    }
    $db->query('INSERT INTO customers (id, email, password, name, created_at) VALUES ' . implode(",\n", $values));
}
say('  customers: ' . count($customerRows) . ' (demo@example.com / demo1234, alice@example.com / alice1234)');

/* ---------- order history ---------- */
mt_srand(ORDER_SEED);
$cities = array(array('Springfield', '4012'), array('Lyon', '69002'), array('Hamburg', '20095'), array('Göteborg', '41103'),
    array('Málaga', '29001'), array('Bristol', 'BS1 4DJ'), array('Zürich', '8001'), array('Portland', '97205'));
$streets = array('Market Street', 'High Street', 'Rue de la République', 'Hauptstraße', 'Calle Mayor', 'Station Road', 'Kungsgatan', 'Elm Avenue');
$plan = array();  // [customer index, status]
foreach (array(3, 2, 1) as $st) {
    $plan[] = array(0, $st);
}
foreach (array(3, 3, 9, 2, 1) as $st) {
    $plan[] = array(1, $st);
}
for ($i = 3; $i < count($customerRows); $i++) {
    if (mt_rand(1, 100) <= 30) {
        $n = mt_rand(1, 3);
        for ($k = 0; $k < $n; $k++) {
            $r = mt_rand(1, 100);
            $plan[] = array($i, $r <= 70 ? 3 : ($r <= 80 ? 2 : ($r <= 88 ? 1 : ($r <= 95 ? 9 : 0))));
        }
    }
}
$orders = array();
$wanted = array();
foreach ($plan as $o => $p) {
    $c = $customerRows[$p[0]];
    $city = $cities[mt_rand(0, count($cities) - 1)];
    $lines = array();
    $n = mt_rand(1, 4);
    for ($k = 0; $k < $n; $k++) {
        $pid = mt_rand(1, $products);
        $lines[$pid] = mt_rand(1, 3);   // same product twice = one line
        $wanted[$pid] = true;
    }
    $orders[] = array(
        'id' => $o + 1,
        'customer_id' => $c[0],
        'status' => $p[1],
        'ship_name' => $c[3],
        'ship_address' => mt_rand(1, 199) . ' ' . $streets[mt_rand(0, count($streets) - 1)],
        'ship_city' => $city[0],
        'ship_zip' => $city[1],
        'created_at' => ORDER_BASE_TS + $o * 43200 + mt_rand(0, 43199),
        'lines' => $lines,
    );
}
$info = array();
foreach (array_chunk(array_keys($wanted), 1000) as $chunk) {
    $res = $db->query('SELECT id, name, price FROM products WHERE id IN (' . implode(',', array_map('intval', $chunk)) . ')');
    while ($row = $res->fetch_assoc()) {
        $info[(int) $row['id']] = $row;
    }
}
$orderValues = array();
$itemValues = array();
foreach ($orders as $o) {
    $total = 0.0;
    foreach ($o['lines'] as $pid => $qty) {
        $p = $info[$pid];
        $total += (float) $p['price'] * $qty;
        $itemValues[] = sprintf("(%d, %d, %d, %s, '%s')", $o['id'], $pid, $qty, $p['price'], $db->real_escape_string($p['name']));
    }
    $orderValues[] = sprintf("(%d, %d, %d, %s, '%s', '%s', '%s', '%s', '%s')", $o['id'], $o['customer_id'], $o['status'],
        number_format(round($total, 2), 2, '.', ''), $db->real_escape_string($o['ship_name']), $db->real_escape_string($o['ship_address']),
        $db->real_escape_string($o['ship_city']), $db->real_escape_string($o['ship_zip']), gmdate('Y-m-d H:i:s', $o['created_at']));
}
foreach (array_chunk($itemValues, 2000) as $chunk) {
    $db->query('INSERT INTO order_items (order_id, product_id, qty, unit_price, name) VALUES ' . implode(",\n", $chunk));
}
foreach (array_chunk($orderValues, 2000) as $chunk) {
    $db->query('INSERT INTO orders (id, customer_id, status, total, ship_name, ship_address, ship_city, ship_zip, created_at) VALUES '
        . implode(",\n", $chunk));
}
say(sprintf('  orders: %d with %d items', count($orderValues), count($itemValues)));
say(sprintf('done: database %s seeded in %.1f s', $dbName, microtime(true) - $started));

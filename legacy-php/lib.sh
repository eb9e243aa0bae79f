# Shared by run.sh, run-fpm.sh and smoke.sh (source it, don't run it).
# Installs what is missing (as root), makes sure MariaDB answers, and creates
# and seeds the shop database when it does not exist yet.
#
# Environment (all optional):
#   LEGACY_DB_HOST=127.0.0.1 LEGACY_DB_PORT=3306 LEGACY_DB_USER=root
#   LEGACY_DB_PASSWORD=''    LEGACY_DB_NAME=legacy_shop
#   LEGACY_PRODUCTS=10000    products to seed into a new database

LEGACY_DIR="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
export LEGACY_DB_HOST="${LEGACY_DB_HOST:-127.0.0.1}"
export LEGACY_DB_PORT="${LEGACY_DB_PORT:-3306}"
export LEGACY_DB_USER="${LEGACY_DB_USER:-root}"
export LEGACY_DB_PASSWORD="${LEGACY_DB_PASSWORD:-}"
export LEGACY_DB_NAME="${LEGACY_DB_NAME:-legacy_shop}"
LEGACY_PRODUCTS="${LEGACY_PRODUCTS:-10000}"

legacy_log() { echo "[legacy-php] $*" >&2; }
legacy_die() { echo "[legacy-php] ERROR: $*" >&2; exit 1; }

legacy_is_root() { [ "$(id -u)" = 0 ]; }

legacy_db_is_local() {
  case "$LEGACY_DB_HOST" in 127.0.0.1|localhost|::1) return 0 ;; *) return 1 ;; esac
}

# legacy_port_open HOST PORT
legacy_port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

# legacy_ensure_packages [fpm]
legacy_ensure_packages() {
  local missing=()
  if command -v php >/dev/null 2>&1; then
    php -m 2>/dev/null | grep -qix mysqli || missing+=(php-mysql)
    php -m 2>/dev/null | grep -qix mbstring || missing+=(php-mbstring)
  else
    missing+=(php-cli php-mysql php-mbstring)
  fi
  if [ "${1:-}" = fpm ]; then
    compgen -G '/usr/sbin/php-fpm*' >/dev/null || missing+=(php-fpm)
    command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  fi
  if legacy_db_is_local && [ ! -x /usr/sbin/mariadbd ] && ! legacy_port_open "$LEGACY_DB_HOST" "$LEGACY_DB_PORT"; then
    missing+=(mariadb-server)
  fi
  [ ${#missing[@]} -eq 0 ] && return 0
  if legacy_is_root; then
    legacy_log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q "${missing[@]}" >&2 \
      || { apt-get update -q >&2 && apt-get install -y -q "${missing[@]}" >&2; } \
      || legacy_die "apt-get install ${missing[*]} failed"
  else
    legacy_die "missing packages; install them with:
    sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  fi
}

# Start a local MariaDB when it does not answer, and wait for it.
legacy_ensure_mariadb() {
  if legacy_port_open "$LEGACY_DB_HOST" "$LEGACY_DB_PORT"; then
    legacy_check_db_login
    return 0
  fi
  legacy_db_is_local || legacy_die "MariaDB at $LEGACY_DB_HOST:$LEGACY_DB_PORT does not answer"
  if ! legacy_is_root; then
    legacy_die "MariaDB at $LEGACY_DB_HOST:$LEGACY_DB_PORT does not answer; start it with:
    sudo start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd"
  fi
  legacy_log "starting MariaDB"
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
  if [ ! -d /var/lib/mysql/mysql ] && command -v mariadb-install-db >/dev/null 2>&1; then
    mariadb-install-db --user=mysql >/dev/null 2>&1 || true
  fi
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  local i
  for i in $(seq 1 60); do
    legacy_port_open "$LEGACY_DB_HOST" "$LEGACY_DB_PORT" && { legacy_check_db_login; return 0; }
    sleep 0.5
  done
  legacy_die "MariaDB did not come up on $LEGACY_DB_HOST:$LEGACY_DB_PORT (see /var/log/mysql/error.log)"
}

# A fresh Debian MariaDB lets root in through the unix socket only; the shop
# connects over TCP as root with an empty password. Allow that (local only).
legacy_check_db_login() {
  local err
  err="$(php -r '
    mysqli_report(MYSQLI_REPORT_OFF);
    $p = getenv("LEGACY_DB_PASSWORD");
    $l = @mysqli_connect(getenv("LEGACY_DB_HOST"), getenv("LEGACY_DB_USER"), $p === false ? "" : $p, "", (int) getenv("LEGACY_DB_PORT"));
    if (!$l) { echo mysqli_connect_errno(); exit(1); }' 2>/dev/null)" && return 0
  if [ "$err" = 1045 ] && legacy_db_is_local && legacy_is_root && [ "$LEGACY_DB_USER" = root ] \
     && [ -z "$LEGACY_DB_PASSWORD" ] && command -v mariadb >/dev/null 2>&1; then
    legacy_log "allowing root@localhost to sign in over TCP with an empty password (local MariaDB)"
    mariadb -uroot -e "ALTER USER root@localhost IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('')" \
      || legacy_die "could not change root@localhost authentication"
    return 0
  fi
  legacy_die "cannot sign in to MariaDB at $LEGACY_DB_HOST:$LEGACY_DB_PORT as $LEGACY_DB_USER (error ${err:-unknown})"
}

# Create and seed $LEGACY_DB_NAME unless it is already seeded.
legacy_ensure_database() {
  php "$LEGACY_DIR/seed.php" --if-missing --db="$LEGACY_DB_NAME" --products="$LEGACY_PRODUCTS" >&2 \
    || legacy_die "seeding $LEGACY_DB_NAME failed"
}

legacy_prepare() {
  legacy_ensure_packages "${1:-}"
  legacy_ensure_mariadb
  legacy_ensure_database
}

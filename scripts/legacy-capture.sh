#!/usr/bin/env bash
# Change capture on the legacy MariaDB (triggers on categories, products, stock writing into rf_change).
# The app installs it by itself when sync starts (retailflow.legacy.sync.enabled); this script inspects and
# removes it.
#   scripts/legacy-capture.sh status   lists the adapter's triggers and the change backlog
#   scripts/legacy-capture.sh remove   drops the triggers, rf_change and rf_capture_history; legacy data is untouched
# Connection: LEGACY_DB_HOST (127.0.0.1), LEGACY_DB_PORT (3306), LEGACY_DB_USER (root), LEGACY_DB_PASSWORD (''),
#             LEGACY_DB_NAME (legacy_shop). Stop the app's sync first, or it installs capture again.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

client=$(command -v mariadb || command -v mysql || true)
if [ -z "$client" ]; then
  echo "legacy-capture: no mariadb/mysql client on PATH (apt-get install mariadb-client)" >&2
  exit 2
fi
db() {
  MYSQL_PWD="${LEGACY_DB_PASSWORD:-}" "$client" --protocol=TCP -h "${LEGACY_DB_HOST:-127.0.0.1}" \
    -P "${LEGACY_DB_PORT:-3306}" -u "${LEGACY_DB_USER:-root}" "${LEGACY_DB_NAME:-legacy_shop}" "$@"
}

case "${1:-}" in
  status)
    db -t -e "SELECT trigger_name, event_object_table, action_timing, event_manipulation
                FROM information_schema.triggers
               WHERE trigger_schema = DATABASE() AND trigger_name LIKE 'rf\\_%' ORDER BY trigger_name"
    if [ "$(db -N -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'rf_change'")" = 1 ]; then
      db -t -e "SELECT COUNT(*) AS changes, MIN(id) AS first_id, MAX(id) AS last_id, MIN(changed_at) AS oldest FROM rf_change"
    else
      echo "no change table: capture is not installed"
    fi
    ;;
  remove)
    db < legacy-adapter/src/main/resources/legacy-capture-removal.sql
    left=$(db -N -e "SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema = DATABASE() AND trigger_name LIKE 'rf\\_%'")
    if [ "$left" != 0 ]; then
      echo "legacy-capture: $left rf_ trigger(s) are still there" >&2
      exit 1
    fi
    echo "capture removed from ${LEGACY_DB_NAME:-legacy_shop}: triggers, rf_change and rf_capture_history dropped"
    ;;
  *)
    echo "usage: scripts/legacy-capture.sh status|remove" >&2
    exit 2
    ;;
esac

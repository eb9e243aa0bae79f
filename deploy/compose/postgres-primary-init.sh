#!/bin/bash
# Runs once, when the primary's data directory is created (docker-entrypoint-initdb.d): a replication role for the
# replica, and the replica's right to stream from here.
set -euo pipefail
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres \
  -c "CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '${REPLICATION_PASSWORD}'"
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"

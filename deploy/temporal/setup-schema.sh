#!/bin/sh
# Creates Temporal's two databases and brings their schemas up to the version
# of this admin-tools image. Safe to run on every start: setup-schema skips a
# database that is already versioned and update-schema applies only newer steps.
set -eu

schema_dir=/etc/temporal/schema/postgresql/v12

sql() {
  # The password comes from SQL_PASSWORD, so it never shows on a command line.
  temporal-sql-tool --plugin postgres12 --ep "$SQL_HOST" -p "$SQL_PORT" -u "$SQL_USER" "$@"
}

setup() {
  db=$1
  dir=$2
  # `create` fails when the database exists already; if it is really missing,
  # setup-schema below fails loudly.
  sql --db "$db" create 2>/dev/null || echo "database $db exists"
  sql --db "$db" setup-schema -v 0.0
  sql --db "$db" update-schema -d "$schema_dir/$dir/versioned"
}

setup "${TEMPORAL_DB:-temporal}" temporal
setup "${TEMPORAL_VISIBILITY_DB:-temporal_visibility}" visibility
echo "Temporal schemas are up to date"

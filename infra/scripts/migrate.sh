#!/usr/bin/env bash
# azd predeploy hook: applies this build's schema migrations to Azure SQL (`npm run migrate`) before
# the code that needs them is deployed. The app itself never changes the schema (its database user has
# no DDL rights); at start it only checks the version and answers 503 until this has run.
#
# Runs as whoever deploys (DefaultAzureCredential: `azd auth login`, `az login`, or environment
# credentials in a pipeline). That principal needs db_ddladmin + db_datareader + db_datawriter, or
# db_owner; the SQL Entra administrator (by default the deployer, see infra/modules/sql.bicep) has them.
# Safe to re-run (nothing to apply) and to run concurrently (an application lock serializes migrators).
#
# Reads (azd exports the Bicep outputs into the hook's environment; set them by hand otherwise):
#   EXPORT_SQL_SERVER, EXPORT_SQL_DATABASE, and for the temporary firewall rule AZURE_RESOURCE_GROUP,
#   AZURE_SQL_SERVER_NAME. By hand:  EXPORT_SQL_SERVER=… EXPORT_SQL_DATABASE=… bash infra/scripts/migrate.sh
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/../.." && pwd)"

: "${EXPORT_SQL_SERVER:?EXPORT_SQL_SERVER (SQL server host name) is not set: run through azd or export it}"
: "${EXPORT_SQL_DATABASE:?EXPORT_SQL_DATABASE is not set}"

hook_name=migrate
firewall_rule_prefix=azd-predeploy
# shellcheck source=sql-access.sh
source "$script_dir/sql-access.sh"

cd "$repo_root"
if [[ ! -d node_modules/kysely || ! -d node_modules/tedious || ! -d node_modules/typescript ]]; then
  echo "$hook_name: installing the build's dependencies (npm ci)"
  # better-sqlite3 (optional) is the embedded database's driver: not needed to migrate Azure SQL.
  npm ci --no-audit --no-fund --omit=optional >&2
fi

# The CLI reads the same settings as the app; only the database ones matter here.
export EXPORT_DB_KIND=mssql
SQL_ACCESS_ECHO=1 retry_with_sql_access npm run -s migrate

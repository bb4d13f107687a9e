#!/usr/bin/env bash
# azd postprovision hook: creates the Azure SQL database user of the app's managed identity
# (create-sql-user.sql) as the Entra administrator set by infra/modules/sql.bicep. The user may read and
# write data, nothing else: the schema is changed by `npm run migrate` (the predeploy hook, migrate.sh).
#
# Needs: go-sqlcmd (the Go `sqlcmd`, which has --authentication-method), and an Entra sign-in of the SQL
#   administrator that it can use (`az login`, `azd auth login` or environment credentials in CI).
# Reads (azd exports the Bicep outputs into the hook's environment; set them by hand otherwise):
#   EXPORT_SQL_SERVER, EXPORT_SQL_DATABASE, AZURE_APP_IDENTITY_NAME, AZURE_APP_IDENTITY_CLIENT_ID,
#   and for the temporary firewall rule: AZURE_RESOURCE_GROUP, AZURE_SQL_SERVER_NAME.
#
# The deploying machine is usually outside Azure, so the server's firewall refuses it: sql-access.sh opens
# a rule for the refused address (when the Azure CLI is signed in) and removes it on exit.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sql_file="$script_dir/create-sql-user.sql"

: "${EXPORT_SQL_SERVER:?EXPORT_SQL_SERVER (SQL server host name) is not set: run through azd or export it}"
: "${EXPORT_SQL_DATABASE:?EXPORT_SQL_DATABASE is not set}"
: "${AZURE_APP_IDENTITY_NAME:?AZURE_APP_IDENTITY_NAME (name of the app managed identity) is not set}"
: "${AZURE_APP_IDENTITY_CLIENT_ID:?AZURE_APP_IDENTITY_CLIENT_ID is not set}"

# Both values are pasted into T-SQL string literals by sqlcmd: accept only what Azure can produce.
if [[ ! "$AZURE_APP_IDENTITY_NAME" =~ ^[A-Za-z0-9_-]{3,128}$ ]]; then
  echo "create-sql-user: unexpected identity name '$AZURE_APP_IDENTITY_NAME'" >&2
  exit 1
fi
if [[ ! "$AZURE_APP_IDENTITY_CLIENT_ID" =~ ^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$ ]]; then
  echo "create-sql-user: AZURE_APP_IDENTITY_CLIENT_ID is not a GUID: '$AZURE_APP_IDENTITY_CLIENT_ID'" >&2
  exit 1
fi

if ! command -v sqlcmd >/dev/null 2>&1 || ! sqlcmd --help 2>&1 | grep -q -- '--authentication-method'; then
  cat >&2 <<'MSG'
create-sql-user: go-sqlcmd is required (the ODBC sqlcmd from mssql-tools cannot use an Entra token here).
Install it (Microsoft's `sqlcmd` package via apt/winget/Homebrew), then re-run:  azd hooks run postprovision
MSG
  exit 1
fi

# ActiveDirectoryDefault tries environment credentials, managed identity, the Azure CLI and azd sign-ins;
# set SQLCMD_AUTH_METHOD to pin one, e.g. ActiveDirectoryAzureDeveloperCli or ActiveDirectoryAzCli.
auth_method="${SQLCMD_AUTH_METHOD:-ActiveDirectoryDefault}"

hook_name=create-sql-user
firewall_rule_prefix=azd-postprovision
# shellcheck source=sql-access.sh
source "$script_dir/sql-access.sh"

run_sqlcmd() {
  sqlcmd --server "tcp:${EXPORT_SQL_SERVER},1433" --database-name "$EXPORT_SQL_DATABASE" \
    --authentication-method "$auth_method" --exit-on-error "$@"
}

# Connect once (opening the firewall if needed) before running the script.
retry_with_sql_access run_sqlcmd --query "SELECT 1"

run_sqlcmd --input-file "$sql_file" \
  --variables "APP_IDENTITY_NAME=${AZURE_APP_IDENTITY_NAME}" \
  --variables "APP_IDENTITY_CLIENT_ID=${AZURE_APP_IDENTITY_CLIENT_ID}"
echo "create-sql-user: database user ${AZURE_APP_IDENTITY_NAME} is ready in ${EXPORT_SQL_DATABASE}"

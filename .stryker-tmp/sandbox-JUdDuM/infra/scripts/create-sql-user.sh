#!/usr/bin/env bash
# azd postprovision hook: creates the Azure SQL database user of the app's managed identity
# (create-sql-user.sql) as the Entra administrator set by infra/modules/sql.bicep.
#
# Needs: go-sqlcmd (the Go `sqlcmd`, which has --authentication-method), and an Entra sign-in of the SQL
#   administrator that it can use (`az login`, `azd auth login` or environment credentials in CI).
# Reads (azd exports the Bicep outputs into the hook's environment; set them by hand otherwise):
#   EXPORT_SQL_SERVER, EXPORT_SQL_DATABASE, AZURE_APP_IDENTITY_NAME, AZURE_APP_IDENTITY_CLIENT_ID,
#   and for the temporary firewall rule: AZURE_RESOURCE_GROUP, AZURE_SQL_SERVER_NAME.
#
# The deploying machine is usually outside Azure, so the server's firewall refuses it. When sqlcmd
# reports "Client with IP address '...' is not allowed", and the Azure CLI is signed in, the script opens
# a rule for that one address and removes it on exit.
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

firewall_rule=""
cleanup() {
  if [[ -n "$firewall_rule" ]]; then
    echo "create-sql-user: removing temporary firewall rule $firewall_rule"
    az sql server firewall-rule delete --resource-group "$AZURE_RESOURCE_GROUP" \
      --server "$AZURE_SQL_SERVER_NAME" --name "$firewall_rule" --only-show-errors >/dev/null || true
  fi
}
trap cleanup EXIT

run_sqlcmd() {
  sqlcmd --server "tcp:${EXPORT_SQL_SERVER},1433" --database-name "$EXPORT_SQL_DATABASE" \
    --authentication-method "$auth_method" --exit-on-error "$@"
}

open_firewall_for() {
  local ip="$1"
  if [[ -z "${AZURE_RESOURCE_GROUP:-}" || -z "${AZURE_SQL_SERVER_NAME:-}" ]] || ! command -v az >/dev/null 2>&1; then
    echo "create-sql-user: the server refuses $ip; add a firewall rule for it (or run where az is signed in)" >&2
    return 1
  fi
  firewall_rule="azd-postprovision-${ip//./-}"
  echo "create-sql-user: allowing $ip through the SQL firewall for this run ($firewall_rule)"
  az sql server firewall-rule create --resource-group "$AZURE_RESOURCE_GROUP" \
    --server "$AZURE_SQL_SERVER_NAME" --name "$firewall_rule" \
    --start-ip-address "$ip" --end-ip-address "$ip" --only-show-errors >/dev/null
}

# Retry: a new Entra admin and a new firewall rule take a little while to apply.
attempt=1
max_attempts=6
retry_delay="${SQL_RETRY_DELAY_SECONDS:-15}"
while true; do
  if output="$(run_sqlcmd --query "SELECT 1" 2>&1)"; then
    break
  fi
  ip="$(printf '%s' "$output" | sed -n "s/.*Client with IP address '\([0-9.]*\)'.*/\1/p" | head -n 1)"
  if [[ -n "$ip" && -z "$firewall_rule" ]]; then
    open_firewall_for "$ip" || { echo "$output" >&2; exit 1; }
  elif (( attempt >= max_attempts )); then
    echo "create-sql-user: cannot connect to $EXPORT_SQL_SERVER/$EXPORT_SQL_DATABASE:" >&2
    echo "$output" >&2
    exit 1
  fi
  echo "create-sql-user: connection attempt $attempt failed; retrying in ${retry_delay} s"
  attempt=$((attempt + 1))
  sleep "$retry_delay"
done

run_sqlcmd --input-file "$sql_file" \
  --variables "APP_IDENTITY_NAME=${AZURE_APP_IDENTITY_NAME}" \
  --variables "APP_IDENTITY_CLIENT_ID=${AZURE_APP_IDENTITY_CLIENT_ID}"
echo "create-sql-user: database user ${AZURE_APP_IDENTITY_NAME} is ready in ${EXPORT_SQL_DATABASE}"

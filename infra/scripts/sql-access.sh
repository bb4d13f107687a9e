#!/usr/bin/env bash
# Sourced by the azd hooks that talk to Azure SQL from the deploying machine (create-sql-user.sh,
# migrate.sh). The deploying machine is usually outside Azure, so the server's firewall refuses it: when
# a command reports "Client with IP address '...' is not allowed", and the Azure CLI is signed in, this
# opens a firewall rule for that one address, retries, and removes the rule on exit.
#
# The sourcing script sets, before sourcing:
#   hook_name            prefix of messages, e.g. create-sql-user
#   firewall_rule_prefix prefix of the temporary rule's name, e.g. azd-postprovision
# and may set AZURE_RESOURCE_GROUP + AZURE_SQL_SERVER_NAME (azd exports both) for the firewall rule.
# SQL_RETRY_DELAY_SECONDS (default 15) paces the retries: a new Entra admin or rule takes a while to apply.

sql_firewall_rule=""

sql_access_cleanup() {
  if [[ -n "$sql_firewall_rule" ]]; then
    echo "$hook_name: removing temporary firewall rule $sql_firewall_rule"
    az sql server firewall-rule delete --resource-group "$AZURE_RESOURCE_GROUP" \
      --server "$AZURE_SQL_SERVER_NAME" --name "$sql_firewall_rule" --only-show-errors >/dev/null || true
  fi
}
trap sql_access_cleanup EXIT

open_firewall_for() {
  local ip="$1"
  if [[ -z "${AZURE_RESOURCE_GROUP:-}" || -z "${AZURE_SQL_SERVER_NAME:-}" ]] || ! command -v az >/dev/null 2>&1; then
    echo "$hook_name: the server refuses $ip; add a firewall rule for it (or run where az is signed in)" >&2
    return 1
  fi
  sql_firewall_rule="${firewall_rule_prefix}-${ip//./-}"
  echo "$hook_name: allowing $ip through the SQL firewall for this run ($sql_firewall_rule)"
  az sql server firewall-rule create --resource-group "$AZURE_RESOURCE_GROUP" \
    --server "$AZURE_SQL_SERVER_NAME" --name "$sql_firewall_rule" \
    --start-ip-address "$ip" --end-ip-address "$ip" --only-show-errors >/dev/null
}

# retry_with_sql_access COMMAND...: runs COMMAND until it succeeds (at most 6 times), opening the
# firewall for a refused address on the way; prints its output when SQL_ACCESS_ECHO=1. Fails with the
# last output.
retry_with_sql_access() {
  local attempt=1 max_attempts=6 retry_delay="${SQL_RETRY_DELAY_SECONDS:-15}" output ip
  while true; do
    if output="$("$@" 2>&1)"; then
      if [[ "${SQL_ACCESS_ECHO:-0}" == 1 ]]; then printf '%s\n' "$output"; fi
      return 0
    fi
    ip="$(printf '%s' "$output" | sed -n "s/.*Client with IP address '\([0-9.]*\)'.*/\1/p" | head -n 1)"
    if [[ -n "$ip" && -z "$sql_firewall_rule" ]]; then
      open_firewall_for "$ip" || { echo "$output" >&2; return 1; }
    elif ((attempt >= max_attempts)); then
      echo "$hook_name: giving up after $attempt attempts against $EXPORT_SQL_SERVER/$EXPORT_SQL_DATABASE:" >&2
      echo "$output" >&2
      return 1
    fi
    echo "$hook_name: attempt $attempt failed; retrying in ${retry_delay} s"
    attempt=$((attempt + 1))
    sleep "$retry_delay"
  done
}

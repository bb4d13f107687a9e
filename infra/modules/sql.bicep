// Azure SQL logical server + database with Microsoft Entra-only authentication: no SQL logins exist,
// so there is no password to leak or rotate. The app's managed identity gets its database user from
// the post-provision script (infra/scripts/create-sql-user.sh), which runs as the Entra admin below.

@description('Logical server name.')
param serverName string

@description('Database name (EXPORT_SQL_DATABASE).')
param databaseName string

@description('Region of the server and database.')
param location string

@description('Tags applied to both resources.')
param tags { *: string }

@description('Display name of the Entra administrator (a user principal name, group or app name).')
param adminLogin string

@description('Object id (sid) of the Entra administrator.')
param adminObjectId string

@description('Kind of the Entra administrator.')
@allowed([
  'User'
  'Group'
  'Application'
])
param adminPrincipalType string

@description('Database SKU, e.g. { name: \'S1\', tier: \'Standard\' } or { name: \'GP_S_Gen5\', tier: \'GeneralPurpose\', family: \'Gen5\', capacity: 1 }.')
param databaseSku {
  name: string
  tier: string
  family: string?
  capacity: int?
}

@description('''Enabled: the public endpoint answers, with the firewall rule "Allow Azure services" (any
Azure-hosted client, of any tenant, reaches it; Entra-only authentication is then the barrier).
Disabled: only the private endpoint answers (main.bicep privateNetworking).''')
@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string = 'Enabled'

resource server 'Microsoft.Sql/servers@2025-01-01' = {
  name: serverName
  location: location
  tags: tags
  properties: {
    minimalTlsVersion: '1.2'
    publicNetworkAccess: publicNetworkAccess
    administrators: {
      administratorType: 'ActiveDirectory'
      azureADOnlyAuthentication: true
      login: adminLogin
      sid: adminObjectId
      principalType: adminPrincipalType
      tenantId: tenant().tenantId
    }
  }
}

// 0.0.0.0-0.0.0.0 is the documented "Allow Azure services and resources to access this server" rule:
// Flex Consumption has no fixed outbound addresses without a virtual network. Not created when the
// server is private.
resource allowAzureServices 'Microsoft.Sql/servers/firewallRules@2025-01-01' = if (publicNetworkAccess == 'Enabled') {
  parent: server
  name: 'AllowAllWindowsAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource database 'Microsoft.Sql/servers/databases@2025-01-01' = {
  parent: server
  name: databaseName
  location: location
  tags: tags
  sku: databaseSku
  properties: {
    collation: 'SQL_Latin1_General_CP1_CI_AS'
    zoneRedundant: false
  }
}

output serverName string = server.name
output serverId string = server.id
@description('Host name of the server, e.g. `sql-x.database.windows.net` (EXPORT_SQL_SERVER).')
output serverFqdn string = server.properties.fullyQualifiedDomainName
output databaseName string = database.name

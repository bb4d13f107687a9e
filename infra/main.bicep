// Portal export service: Azure Functions (Flex Consumption, Node 22) + Azure SQL + Service Bus + Blob
// Storage + Application Insights, all reached with one user-assigned managed identity.
//
// Deploy with `azd up` (azure.yaml) or `az deployment sub create` (see infra/README.md). App setting
// names are the contract of shared/config/settings.ts; test/infra/settings.test.ts cross-checks them.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the environment (azd AZURE_ENV_NAME); seeds the resource group and resource names.')
param environmentName string

@minLength(1)
@description('Region of every resource; it must offer the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Resource group to create or reuse; default rg-<environmentName>.')
param resourceGroupName string = ''

@description('Object id of the Entra principal made Azure SQL administrator; default: whoever deploys.')
param sqlAdminObjectId string = ''

@description('Display name recorded for that administrator (for a user, the user principal name).')
param sqlAdminLogin string = 'export-sql-admin'

@description('Kind of the SQL administrator: a signed-in person is User, a pipeline service principal is Application.')
@allowed([
  'User'
  'Group'
  'Application'
])
param sqlAdminPrincipalType string = 'User'

@description('SKU of the export database.')
param sqlDatabaseSku {
  name: string
  tier: string
  family: string?
  capacity: int?
} = {
  name: 'S1'
  tier: 'Standard'
}

@description('Service Bus queue of export jobs (EXPORT_QUEUE_NAME).')
@minLength(1)
@maxLength(260)
param exportQueueName string = 'export-jobs'

@description('Service Bus queue of webhook deliveries (EXPORT_WEBHOOK_QUEUE_NAME): their own queue, so a delivery never waits behind long exports.')
@minLength(1)
@maxLength(260)
param webhookQueueName string = 'export-webhooks'

@description('Blob container of export files (EXPORT_BLOB_CONTAINER).')
@minLength(3)
@maxLength(63)
param exportBlobContainerName string = 'exports'

@description('Hours an export file is kept (EXPORT_FILE_TTL_HOURS); the storage lifecycle rule deletes leftovers a day later at most.')
@minValue(1)
param exportFileTtlHours int = 24

@description('NCRONTAB schedule of the one timer, sweep + purge (EXPORT_PURGE_SCHEDULE; the binding reads %EXPORT_PURGE_SCHEDULE%). Shorter recovers lost doorbells sooner, longer costs fewer runs; see infra/README.md "Timers".')
param exportPurgeSchedule string = '0 */5 * * * *'

@description('Expected issuer of access tokens (EXPORT_AUTH_ISSUER). Default: Entra v2.0 tokens of this tenant.')
param authIssuer string = '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'

@description('Expected audience of access tokens (EXPORT_AUTH_AUDIENCE), e.g. api://<client id of the API app registration>.')
@minLength(1)
param authAudience string

@description('Memory of one Function App instance, MB.')
@allowed([
  512
  2048
  4096
])
param functionInstanceMemoryMB int = 4096

@description('Most Function App instances; concurrent exports ≤ this × host.json maxConcurrentCalls. Size Azure SQL for it.')
@minValue(1)
@maxValue(1000)
param functionMaximumInstanceCount int = 40

@description('Manage right on the export queue for target-based scaling (Azure Service Bus Data Owner on that queue only); false keeps Send + Listen and the extension\'s coarser fallback scaling. See infra/README.md "Service Bus".')
param serviceBusQueueManageRights bool = true

@description('E-mail address for alert notifications; empty creates the alert rules without notifications.')
param alertEmailAddress string = ''

@description('Browser origins of the portal allowed to call the API (the Function App CORS), e.g. https://portal.example.com. Empty: no browser origin.')
param portalOrigins string[] = []

@description('Failure-rate alert: percent of the exports finished within 30 minutes that failed (at least five finished).')
@minValue(1)
@maxValue(100)
param alertFailureRatePercent int = 20

@description('''Private networking: VNet integration of the Function App and private endpoints for Azure SQL,
both storage accounts and Service Bus (Premium), whose public endpoints are then closed. Off by default:
see infra/README.md "Network exposure" for what is reachable then, and what this costs and changes.''')
param privateNetworking bool = false

@description('Address space of the virtual network when privateNetworking is on (two /24 subnets are used).')
param privateNetworkAddressPrefix string = '10.40.0.0/16'

@description('''Public endpoint of the export files' storage account when privateNetworking is on. Enabled keeps
the download SAS URLs (downloadUrl) working for browsers outside the network (Entra-only account, no
shared keys); Disabled leaves downloads through the API only.''')
@allowed([
  'Enabled'
  'Disabled'
])
param exportStoragePublicNetworkAccess string = 'Enabled'

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var names = {
  resourceGroup: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  identity: 'id-export-${resourceToken}'
  plan: 'plan-export-${resourceToken}'
  functionApp: 'func-export-${resourceToken}'
  hostStorage: 'st${resourceToken}'
  exportStorage: 'stx${resourceToken}'
  serviceBus: 'sb-export-${resourceToken}'
  sqlServer: 'sql-export-${resourceToken}'
  sqlDatabase: 'sqldb-export'
  logAnalytics: 'log-export-${resourceToken}'
  appInsights: 'appi-export-${resourceToken}'
  alertPrefix: 'export-${resourceToken}'
  vnet: 'vnet-export-${resourceToken}'
}
// Private DNS zones of the private endpoints, in this order: SQL, blob, queue, table, Service Bus.
var privateDnsZoneNames = [
  'privatelink${environment().suffixes.sqlServerHostname}'
  'privatelink.blob.${environment().suffixes.storage}'
  'privatelink.queue.${environment().suffixes.storage}'
  'privatelink.table.${environment().suffixes.storage}'
  'privatelink.servicebus.windows.net'
]
var deploymentContainerName = 'app-package'
// Lifecycle management counts whole days; round the file TTL up so it never deletes a live file.
var exportBlobLifecycleDays = (exportFileTtlHours + 23) / 24

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    location: location
    tags: tags
  }
}

module network 'modules/network.bicep' = if (privateNetworking) {
  name: 'network'
  scope: rg
  params: {
    name: names.vnet
    location: location
    tags: tags
    addressPrefix: privateNetworkAddressPrefix
    privateDnsZoneNames: privateDnsZoneNames
  }
}

module hostStorage 'modules/storage-account.bicep' = {
  name: 'host-storage'
  scope: rg
  params: {
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    name: names.hostStorage
    location: location
    tags: tags
    containerNames: [
      deploymentContainerName
    ]
  }
}

module exportStorage 'modules/storage-account.bicep' = {
  name: 'export-storage'
  scope: rg
  params: {
    publicNetworkAccess: privateNetworking ? exportStoragePublicNetworkAccess : 'Enabled'
    name: names.exportStorage
    location: location
    tags: tags
    containerNames: [
      exportBlobContainerName
    ]
    expireBlobs: {
      containerName: exportBlobContainerName
      daysAfterCreation: exportBlobLifecycleDays
    }
  }
}

module serviceBus 'modules/service-bus.bicep' = {
  name: 'service-bus'
  scope: rg
  params: {
    namespaceName: names.serviceBus
    queueName: exportQueueName
    webhookQueueName: webhookQueueName
    location: location
    tags: tags
    private: privateNetworking
  }
}

module sql 'modules/sql.bicep' = {
  name: 'sql'
  scope: rg
  params: {
    serverName: names.sqlServer
    databaseName: names.sqlDatabase
    location: location
    tags: tags
    adminLogin: sqlAdminLogin
    adminObjectId: empty(sqlAdminObjectId) ? deployer().objectId : sqlAdminObjectId
    adminPrincipalType: sqlAdminPrincipalType
    databaseSku: sqlDatabaseSku
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
  }
}

// One private endpoint per service and sub-resource; the host storage account needs blob (package,
// leases), queue and table (Functions host internals), the export account blob only.
var privateEndpoints = [
  {
    name: 'pe-sql-${resourceToken}'
    serviceId: resourceId(subscription().subscriptionId, names.resourceGroup, 'Microsoft.Sql/servers', names.sqlServer)
    groupId: 'sqlServer'
    zone: 0
  }
  {
    name: 'pe-st-blob-${resourceToken}'
    serviceId: resourceId(
      subscription().subscriptionId,
      names.resourceGroup,
      'Microsoft.Storage/storageAccounts',
      names.hostStorage
    )
    groupId: 'blob'
    zone: 1
  }
  {
    name: 'pe-st-queue-${resourceToken}'
    serviceId: resourceId(
      subscription().subscriptionId,
      names.resourceGroup,
      'Microsoft.Storage/storageAccounts',
      names.hostStorage
    )
    groupId: 'queue'
    zone: 2
  }
  {
    name: 'pe-st-table-${resourceToken}'
    serviceId: resourceId(
      subscription().subscriptionId,
      names.resourceGroup,
      'Microsoft.Storage/storageAccounts',
      names.hostStorage
    )
    groupId: 'table'
    zone: 3
  }
  {
    name: 'pe-stx-blob-${resourceToken}'
    serviceId: resourceId(
      subscription().subscriptionId,
      names.resourceGroup,
      'Microsoft.Storage/storageAccounts',
      names.exportStorage
    )
    groupId: 'blob'
    zone: 1
  }
  {
    name: 'pe-sb-${resourceToken}'
    serviceId: resourceId(
      subscription().subscriptionId,
      names.resourceGroup,
      'Microsoft.ServiceBus/namespaces',
      names.serviceBus
    )
    groupId: 'namespace'
    zone: 4
  }
]

module privateEndpoint 'modules/private-endpoint.bicep' = [
  for pe in privateEndpoints: if (privateNetworking) {
    name: pe.name
    scope: rg
    params: {
      name: pe.name
      location: location
      tags: tags
      subnetId: network.?outputs.privateEndpointSubnetId ?? ''
      serviceId: pe.serviceId
      groupId: pe.groupId
      privateDnsZoneId: network.?outputs.zoneIds[pe.zone] ?? ''
    }
    dependsOn: [
      sql
      hostStorage
      exportStorage
      serviceBus
    ]
  }
]

// Module parameters that name resources are deploy-time constants (names.*), not module outputs, so
// What-If can predict the nested deployments; dependsOn carries the ordering instead.
module roleAssignments 'modules/role-assignments.bicep' = {
  name: 'role-assignments'
  scope: rg
  params: {
    identityName: names.identity
    hostStorageAccountName: names.hostStorage
    exportStorageAccountName: names.exportStorage
    exportContainerName: exportBlobContainerName
    serviceBusNamespaceName: names.serviceBus
    queueName: exportQueueName
    webhookQueueName: webhookQueueName
    appInsightsName: names.appInsights
    queueManageRights: serviceBusQueueManageRights
  }
  dependsOn: [
    identity
    hostStorage
    exportStorage
    serviceBus
    monitoring
  ]
}

// Blob service URL without a trailing slash, in the form the blob adapter expects.
var exportBlobAccountUrl = 'https://${exportStorage.outputs.name}.blob.${environment().suffixes.storage}'

// The application's own settings: every name here must be in shared/config/settings.ts. Settings
// that keep their code defaults (SAS TTL, PDF/XLSX limits, retry and lease timings) are left out on
// purpose; local-only settings (SQLite, Azurite, HS256, PORT, SEED_*) must never be set in Azure.
var exportAppSettings = [
  {
    name: 'EXPORT_DB_KIND'
    value: 'mssql'
  }
  {
    name: 'EXPORT_SQL_SERVER'
    value: sql.outputs.serverFqdn
  }
  {
    name: 'EXPORT_SQL_DATABASE'
    value: sql.outputs.databaseName
  }
  {
    name: 'EXPORT_QUEUE_KIND'
    value: 'servicebus'
  }
  {
    name: 'EXPORT_QUEUE_NAME'
    value: serviceBus.outputs.queueName
  }
  {
    name: 'EXPORT_WEBHOOK_QUEUE_NAME'
    value: serviceBus.outputs.webhookQueueName
  }
  {
    name: 'ServiceBusConnection__fullyQualifiedNamespace'
    value: serviceBus.outputs.fullyQualifiedNamespace
  }
  {
    name: 'EXPORT_BLOB_ACCOUNT_URL'
    value: exportBlobAccountUrl
  }
  {
    name: 'EXPORT_BLOB_CONTAINER'
    value: exportBlobContainerName
  }
  {
    name: 'AZURE_CLIENT_ID'
    value: identity.outputs.clientId
  }
  {
    name: 'EXPORT_AUTH_MODE'
    value: 'entra'
  }
  {
    name: 'EXPORT_AUTH_ISSUER'
    value: authIssuer
  }
  {
    name: 'EXPORT_AUTH_AUDIENCE'
    value: authAudience
  }
  {
    name: 'EXPORT_FILE_TTL_HOURS'
    value: string(exportFileTtlHours)
  }
  {
    name: 'EXPORT_PURGE_SCHEDULE'
    value: exportPurgeSchedule
  }
]

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    azdServiceName: 'api'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    hostStorageAccountName: names.hostStorage
    deploymentContainerName: deploymentContainerName
    appInsightsName: names.appInsights
    appSettings: exportAppSettings
    instanceMemoryMB: functionInstanceMemoryMB
    maximumInstanceCount: functionMaximumInstanceCount
    corsAllowedOrigins: portalOrigins
    virtualNetworkSubnetId: privateNetworking ? network.?outputs.appSubnetId ?? '' : ''
  }
  // Start the app only once its identity may read the host storage and the deployment package, and
  // (private networking) once the private endpoints it reaches them through exist.
  dependsOn: [
    hostStorage
    monitoring
    roleAssignments
    privateEndpoint
  ]
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    namePrefix: names.alertPrefix
    location: location
    tags: tags
    serviceBusNamespaceName: names.serviceBus
    queueName: exportQueueName
    appInsightsName: names.appInsights
    alertEmailAddress: alertEmailAddress
    failureRateThresholdPercent: alertFailureRatePercent
  }
  dependsOn: [
    serviceBus
    monitoring
  ]
}

module workbook 'modules/workbook.bicep' = {
  name: 'workbook'
  scope: rg
  params: {
    displayName: 'Portal exports (${environmentName})'
    location: location
    tags: tags
    appInsightsName: names.appInsights
    serviceBusNamespaceName: names.serviceBus
    queueName: exportQueueName
  }
  dependsOn: [
    serviceBus
    monitoring
  ]
}

// Outputs land in the azd environment (.azure/<env>/.env) and in the post-provision hook's environment.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_SQL_SERVER_NAME string = sql.outputs.serverName
// Not AZURE_CLIENT_ID: that name in the azd environment would redirect the deployer's own credential.
output AZURE_APP_IDENTITY_NAME string = identity.outputs.name
output AZURE_APP_IDENTITY_CLIENT_ID string = identity.outputs.clientId
// Same names as the app settings, so live adapter tests can read them from the azd environment.
output EXPORT_SQL_SERVER string = sql.outputs.serverFqdn
output EXPORT_SQL_DATABASE string = sql.outputs.databaseName
output EXPORT_QUEUE_NAME string = serviceBus.outputs.queueName
output EXPORT_WEBHOOK_QUEUE_NAME string = serviceBus.outputs.webhookQueueName
output ServiceBusConnection__fullyQualifiedNamespace string = serviceBus.outputs.fullyQualifiedNamespace
output EXPORT_BLOB_ACCOUNT_URL string = exportBlobAccountUrl
output EXPORT_BLOB_CONTAINER string = exportBlobContainerName

// Flex Consumption plan + Linux Function App (Node 22). The app runs as the user-assigned identity for
// everything: host storage, the deployment package container, Service Bus, SQL, blobs, telemetry.
//
// Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION and
// WEBSITE_RUN_FROM_PACKAGE as app settings (functionAppConfig.runtime replaces them): never add them.

@description('Function App name.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Region of the plan and app.')
param location string

@description('Tags applied to the plan and app (the app also gets azd-service-name).')
param tags { *: string }

@description('azd service name in azure.yaml that deploys to this app.')
param azdServiceName string

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Storage account for the Functions host (AzureWebJobsStorage) and the deployment package.')
param hostStorageAccountName string

@description('Blob container, in the host storage account, that holds the deployment package.')
param deploymentContainerName string

@description('Application Insights component that receives the telemetry.')
param appInsightsName string

@description('App settings of the application itself (name/value pairs), added to the host settings.')
param appSettings {
  name: string
  value: string
}[]

@description('Memory of one instance, MB. Exports are memory heavy (XLSX keeps ~0.5 KB per row outside the JS heap).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Upper bound of instances; concurrent exports ≤ this × host.json serviceBus.maxConcurrentCalls.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Browser origins allowed to call the API (platform CORS answers preflights; the app exposes its headers). Empty: none.')
param corsAllowedOrigins string[] = []

@description('Subnet for VNet integration (outbound traffic through the network); empty for none.')
param virtualNetworkSubnetId string = ''

resource hostStorage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: hostStorageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

// Settings the Functions host itself reads. The app's own settings come from main.bicep.
var hostSettings = [
  // Identity-based host storage: no account key anywhere.
  {
    name: 'AzureWebJobsStorage__accountName'
    value: hostStorage.name
  }
  {
    name: 'AzureWebJobsStorage__credential'
    value: 'managedidentity'
  }
  {
    name: 'AzureWebJobsStorage__clientId'
    value: identityClientId
  }
  // The Service Bus trigger's connection "ServiceBusConnection" runs as the user-assigned identity;
  // ServiceBusConnection__fullyQualifiedNamespace is among the app settings passed in.
  {
    name: 'ServiceBusConnection__credential'
    value: 'managedidentity'
  }
  {
    name: 'ServiceBusConnection__clientId'
    value: identityClientId
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsights.properties.ConnectionString
  }
  // Local auth is disabled on Application Insights: ingest with the identity's Entra token.
  {
    name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
    value: 'ClientId=${identityClientId};Authorization=AAD'
  }
]

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': azdServiceName
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: concat(hostSettings, appSettings)
      // Bearer tokens, not cookies: no credentials mode.
      cors: {
        allowedOrigins: corsAllowedOrigins
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${hostStorage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    }
  }
}

output name string = functionApp.name
output id string = functionApp.id
output defaultHostName string = functionApp.properties.defaultHostName

// Every role the app's identity holds, at the narrowest scope that works. Role assignments need
// Microsoft.Authorization/roleAssignments/write: the deployer must be Owner, User Access Administrator
// or Role Based Access Control Administrator on the resource group.

@description('Name of the app\'s user-assigned identity (in this resource group).')
param identityName string

@description('Host storage account (AzureWebJobsStorage and the deployment package).')
param hostStorageAccountName string

@description('Storage account holding the export files.')
param exportStorageAccountName string

@description('Container of the export files.')
param exportContainerName string

@description('Service Bus namespace.')
param serviceBusNamespaceName string

@description('Export queue.')
param queueName string

@description('Webhook delivery queue.')
param webhookQueueName string

@description('Application Insights component.')
param appInsightsName string

@description('''Grant Manage on the export queue (Azure Service Bus Data Owner, queue scope) so the scale
controller can read the queue's exact length (target-based scaling); see infra/README.md.''')
param queueManageRights bool

// Built-in role definition ids (the same in every tenant).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageBlobDelegator: 'db58b8e5-c6ad-4a2a-8342-4190687cbf4a'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  serviceBusDataOwner: '090c5cfd-751d-490a-894a-3ce6f1109419'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

// Assignment names hash the identity's resource id (known before deployment), not its principal id
// (known only after the identity exists), so What-If can predict them and re-deployments are no-ops.
var principalId = identity.properties.principalId

resource hostStorage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: hostStorageAccountName
}

resource exportStorage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: exportStorageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource exportContainer 'containers' existing = {
      name: exportContainerName
    }
  }
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2026-01-01' existing = {
  name: serviceBusNamespaceName

  resource queue 'queues' existing = {
    name: queueName
  }

  resource webhookQueue 'queues' existing = {
    name: webhookQueueName
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

// Host storage: the Functions host keeps leases, timer schedules and keys in blobs, and Flex
// Consumption reads the deployment package with this identity. Blob Data Owner is what the Functions
// documentation asks for identity-based AzureWebJobsStorage.
resource hostBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostStorage.id, identity.id, roles.storageBlobDataOwner)
  scope: hostStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Export files: read/write/delete in the exports container only.
resource exportBlobContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(exportStorage::blobService::exportContainer.id, identity.id, roles.storageBlobDataContributor)
  scope: exportStorage::blobService::exportContainer
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.storageBlobDataContributor
    )
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Download links: a user delegation key (needed for user delegation SAS) is requested at account level.
resource exportBlobDelegator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(exportStorage.id, identity.id, roles.storageBlobDelegator)
  scope: exportStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDelegator)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// The HTTP API and the sweeper send; the queue and dead-letter triggers receive. Scoped to the queue
// (its dead-letter sub-queue is covered by the same scope).
resource queueSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(serviceBus::queue.id, identity.id, roles.serviceBusDataSender)
  scope: serviceBus::queue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource queueReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(serviceBus::queue.id, identity.id, roles.serviceBusDataReceiver)
  scope: serviceBus::queue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataReceiver)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Target-based scaling reads the queue's runtime properties (active message count), which needs the
// Manage right; with Send/Listen only, the Service Bus extension falls back to incremental scaling
// driven by the age of the oldest message (peeked). Scoped to the one queue: the extra power is
// changing or deleting that queue, whose messages are only doorbells the sweeper re-sends from SQL.
resource queueOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (queueManageRights) {
  name: guid(serviceBus::queue.id, identity.id, roles.serviceBusDataOwner)
  scope: serviceBus::queue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Webhook deliveries: the API, the worker and the webhook sweeper send; the delivery trigger receives.
resource webhookQueueSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(serviceBus::webhookQueue.id, identity.id, roles.serviceBusDataSender)
  scope: serviceBus::webhookQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource webhookQueueReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(serviceBus::webhookQueue.id, identity.id, roles.serviceBusDataReceiver)
  scope: serviceBus::webhookQueue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataReceiver)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Telemetry ingestion with Entra auth (Application Insights local auth is disabled).
resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.monitoringMetricsPublisher
    )
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

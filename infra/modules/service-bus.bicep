// Service Bus namespace (Standard: duplicate detection needs it) and the export queue.
// Shared-access keys are disabled: every client, the Functions trigger included, uses Entra ID.

@description('Namespace name (6-50 characters).')
@minLength(6)
@maxLength(50)
param namespaceName string

@description('Name of the export queue (EXPORT_QUEUE_NAME).')
param queueName string

@description('Name of the webhook delivery queue (EXPORT_WEBHOOK_QUEUE_NAME).')
param webhookQueueName string

@description('Region of the namespace.')
param location string

@description('Tags applied to the namespace.')
param tags { *: string }

@description('''How long a received message stays locked. The Functions host renews the lock while the
export runs (host.json maxAutoLockRenewalDuration), so this only bounds how soon a crashed worker's
message becomes visible again.''')
param lockDuration string = 'PT5M'

@description('''Deliveries before a message is dead-lettered. The app retries transient failures itself
by scheduling a new message and completing the current one, so deliveries mostly count crashes and
timeouts of the worker; the dead-letter trigger then marks the job Failed.''')
@minValue(1)
param maxDeliveryCount int = 5

@description('''Window in which a second message with the same MessageId is dropped. The sender must use
a MessageId per attempt (e.g. `<jobId>:<attempt>`), not the bare job id, or retries are dropped.''')
param duplicateDetectionWindow string = 'PT1H'

@description('Time to live of a message; expired messages go to the dead-letter queue.')
param messageTimeToLive string = 'P1D'

@description('''Private: Premium tier (private endpoints need it; one messaging unit) with the public endpoint
off. Otherwise Standard with a public endpoint (Entra only: SAS keys are disabled).''')
param private bool = false

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: private
    ? {
        name: 'Premium'
        tier: 'Premium'
        capacity: 1
      }
    : {
        name: 'Standard'
        tier: 'Standard'
      }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: private ? 'Disabled' : 'Enabled'
  }
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2026-01-01' = {
  parent: namespace
  name: queueName
  properties: {
    lockDuration: lockDuration
    maxDeliveryCount: maxDeliveryCount
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: messageTimeToLive
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    requiresSession: false
    enablePartitioning: false
    enableBatchedOperations: true
    maxSizeInMegabytes: 1024
  }
}

// Webhook deliveries: their own queue and trigger, so a delivery never waits for a worker slot behind
// long exports (Flex Consumption scales each queue trigger on its own). Same settings as the export
// queue; the app schedules its own retries, so deliveries mostly count crashes.
resource webhookQueue 'Microsoft.ServiceBus/namespaces/queues@2026-01-01' = {
  parent: namespace
  name: webhookQueueName
  properties: {
    lockDuration: 'PT1M'
    maxDeliveryCount: maxDeliveryCount
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: messageTimeToLive
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    requiresSession: false
    enablePartitioning: false
    enableBatchedOperations: true
    maxSizeInMegabytes: 1024
  }
}

output namespaceName string = namespace.name
output namespaceId string = namespace.id
output queueName string = queue.name
output webhookQueueName string = webhookQueue.name
// serviceBusEndpoint is `https://<name>.servicebus.<cloud suffix>:443/`; keep only the host name, which
// works in every cloud (no hard-coded suffix).
@description('Host name of the namespace, e.g. `sb-x.servicebus.windows.net`.')
output fullyQualifiedNamespace string = split(
  split(split(namespace.properties.serviceBusEndpoint, '//')[1], '/')[0],
  ':'
)[0]

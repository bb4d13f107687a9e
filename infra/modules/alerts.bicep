// Four alerts, each answering "does a person need to look?":
//  1. dead-lettered messages on the export queue (Service Bus metric);
//  2. exports that ended Failed (log query on Application Insights);
//  3. function executions that failed (log query on Application Insights requests);
//  4. export files lost before their expiry (log query on Application Insights, metric export_file_lost).
// The KQL is kept here and in infra/README.md; change both together.

@description('Prefix of the alert rule names.')
param namePrefix string

@description('Region for the log alert rules (metric alerts and action groups are global).')
param location string

@description('Tags applied to every rule.')
param tags object

@description('Service Bus namespace that holds the export queue.')
param serviceBusNamespaceName string

@description('Export queue name (the metric dimension EntityName).')
param queueName string

@description('Application Insights component the log alerts query.')
param appInsightsName string

@description('E-mail address notified by the alerts; empty to create the rules without notifications.')
param alertEmailAddress string

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmailAddress)) {
  name: '${namePrefix}-ag'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'exports'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmailAddress
        useCommonAlertSchema: true
      }
    ]
  }
}

var actionGroupIds = empty(alertEmailAddress) ? [] : [actionGroup.id]

// DeadletteredMessages is a gauge of messages sitting in the dead-letter queue. The app's dead-letter
// trigger drains it (marks the job Failed, completes the message), so a non-zero maximum means either a
// burst the trigger is still working through or a trigger that is not keeping up / is failing itself.
resource deadLetterAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${namePrefix}-dead-lettered'
  location: 'global'
  tags: tags
  properties: {
    description: 'Messages were dead-lettered on the export queue (crashes, timeouts or expired messages).'
    severity: 2
    enabled: true
    scopes: [
      serviceBus.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'DeadletteredMessages'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'DeadletteredMessages'
          dimensions: [
            {
              name: 'EntityName'
              operator: 'Include'
              values: [
                queueName
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Maximum'
        }
      ]
    }
    actions: [
      for id in actionGroupIds: {
        actionGroupId: id
      }
    ]
  }
}

// Failed exports. The app reports a job that ends Failed in any of three ways; the query counts all of
// them so the alert does not depend on which one the code uses:
//  - custom metric `export_failed` (value 1 per job),
//  - custom event `export_failed`,
//  - a log line (trace) containing `export_failed`, or structured `status` = `Failed`.
var failedExportsQuery = '''
union isfuzzy=true
  (customMetrics | where name == "export_failed" | project timestamp, failures = valueSum),
  (customEvents | where name == "export_failed" | project timestamp, failures = 1.0),
  (traces
    | where message contains "export_failed" or tostring(customDimensions.status) == "Failed"
    | project timestamp, failures = 1.0)
'''

resource failedExportsAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-failed-exports'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: '${namePrefix}: exports failed'
    description: 'One or more export jobs ended in status Failed.'
    severity: 3
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: false
    criteria: {
      allOf: [
        {
          query: failedExportsQuery
          timeAggregation: 'Total'
          metricMeasureColumn: 'failures'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: actionGroupIds
    }
  }
}

// Failed function executions (unhandled exceptions, timeouts, HTTP 5xx), one alert per function.
// HTTP 4xx answers are the API doing its job (validation, authorization) and are excluded.
var functionErrorsQuery = '''
requests
| where success == false
| where isnull(toint(resultCode)) or toint(resultCode) !between (400 .. 499)
| project timestamp, operation_Name, resultCode
'''

resource functionErrorsAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-function-errors'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: '${namePrefix}: function executions failed'
    description: 'A function execution failed (exception, timeout or HTTP 5xx).'
    severity: 2
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: false
    criteria: {
      allOf: [
        {
          query: functionErrorsQuery
          timeAggregation: 'Count'
          dimensions: [
            {
              name: 'operation_Name'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: actionGroupIds
    }
  }
}

// Export files lost before their expiry. The app noticed (on a download, a job GET or the sweeper's
// reconciliation pass), sent the job to be made again and logged the metric `export_file_lost`, one per
// file. Users are not harmed, but in Azure a committed blob does not vanish by itself: someone deleted
// it, a storage lifecycle rule is shorter than the file lifetime, or the container was recreated.
var lostFilesQuery = '''
union isfuzzy=true
  (customMetrics | where name == "export_file_lost" | project timestamp, lost = valueSum),
  (traces | where message startswith "metric export_file_lost" | project timestamp, lost = 1.0)
'''

resource lostFilesAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-files-lost'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: '${namePrefix}: export files lost before expiry'
    description: 'Export files vanished before they expired and were made again; find out who or what deletes them.'
    severity: 3
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: false
    criteria: {
      allOf: [
        {
          query: lostFilesQuery
          timeAggregation: 'Total'
          metricMeasureColumn: 'lost'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: actionGroupIds
    }
  }
}

output alertRuleIds string[] = [
  deadLetterAlert.id
  failedExportsAlert.id
  functionErrorsAlert.id
  lostFilesAlert.id
]

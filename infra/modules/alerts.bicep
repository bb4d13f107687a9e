// Four alerts, each answering "does a person need to look?":
//  1. dead-lettered messages on the export queue (Service Bus metric);
//  2. exports that ended Failed (log query on Application Insights);
//  3. function executions that failed (log query on Application Insights requests);
//  4. a failure-rate spike: the share of finished exports that failed (log query);
//  5. export files lost before their expiry (log query on the metric export_file_lost).
// The KQL lives in infra/queries/*.kql (loadTextContent); test/infra/kql.test.ts parses every query with
// Microsoft's Kusto language service.

@description('Prefix of the alert rule names.')
param namePrefix string

@description('Region for the log alert rules (metric alerts and action groups are global).')
param location string

@description('Tags applied to every rule.')
param tags { *: string }

@description('Service Bus namespace that holds the export queue.')
param serviceBusNamespaceName string

@description('Export queue name (the metric dimension EntityName).')
param queueName string

@description('Application Insights component the log alerts query.')
param appInsightsName string

@description('E-mail address notified by the alerts; empty to create the rules without notifications.')
param alertEmailAddress string

@description('Failure-rate alert: percent of finished exports that failed within 30 minutes (at least five finished).')
@minValue(1)
@maxValue(100)
param failureRateThresholdPercent int = 20

resource serviceBus 'Microsoft.ServiceBus/namespaces@2026-01-01' existing = {
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
resource deadLetterAlert 'Microsoft.Insights/metricAlerts@2026-01-01' = {
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

// Failed exports: every job that ends Failed (infra/queries/failed-exports.kql).
resource failedExportsAlert 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
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
          query: loadTextContent('../queries/failed-exports.kql')
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
resource functionErrorsAlert 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
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
          query: loadTextContent('../queries/function-errors.kql')
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

// A spike in the share of failed exports (a bad deployment, a dependency down), not one unlucky job.
resource failureRateAlert 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-failure-rate'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: '${namePrefix}: export failure rate'
    description: 'More than ${failureRateThresholdPercent} % of the exports that finished in 30 minutes failed (at least five finished).'
    severity: 1
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT30M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: loadTextContent('../queries/failure-rate.kql')
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'failureRatePercent'
          operator: 'GreaterThan'
          threshold: failureRateThresholdPercent
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

// Files lost before their expiry (made again by the app; find out who or what deletes them).
resource lostFilesAlert 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
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
          query: loadTextContent('../queries/files-lost.kql')
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
  failureRateAlert.id
  lostFilesAlert.id
]

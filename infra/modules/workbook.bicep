// Azure Monitor workbook "Portal exports" for the platform team (Azure Portal → Monitor → Workbooks,
// or the Application Insights resource → Workbooks). Every log query lives in infra/queries/*.kql, read
// here with loadTextContent; test/infra/kql.test.ts parses each with Microsoft's Kusto language service
// against the Application Insights tables and checks that no other query is compiled into the template.
// Queue depth and dead letters come straight from Service Bus platform metrics (no query).

@description('Display name of the workbook.')
param displayName string

@description('Region of the workbook resource.')
param location string

@description('Tags applied to the workbook.')
param tags { *: string }

@description('Application Insights component the log queries run against.')
param appInsightsName string

@description('Service Bus namespace that holds the export queue (metrics).')
param serviceBusNamespaceName string

@description('Export queue name (the metric dimension EntityName).')
param queueName string

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2026-01-01' existing = {
  name: serviceBusNamespaceName
}

@description('A workbook item that charts a log query over Application Insights.')
type logChartItem = {
  type: int
  name: string
  content: {
    version: string
    title: string
    query: string
    size: int
    queryType: int
    resourceType: string
    timeContextFromParameter: string
    visualization: string
  }
}

@description('A workbook item that charts one Azure Monitor platform metric of one resource.')
type metricChartItem = {
  type: int
  name: string
  content: {
    chartId: string
    version: string
    title: string
    size: int
    chartType: int
    resourceType: string
    metricScope: int
    resourceIds: string[]
    timeContextFromParameter: string
    timeContext: {
      durationMs: int
    }
    metrics: {
      namespace: string
      metric: string
      aggregation: int
    }[]
    filters: {
      key: string
      operator: int
      values: string[]
    }[]
  }
}

@description('A log query over Application Insights, charted.')
func logChart(name string, title string, query string, visualization string) logChartItem => {
  type: 3
  name: name
  content: {
    version: 'KqlItem/1.0'
    title: title
    query: query
    size: 0
    queryType: 0
    resourceType: 'microsoft.insights/components'
    timeContextFromParameter: 'TimeRange'
    visualization: visualization
  }
}

@description('A Service Bus metric of the export queue (EntityName = queue), one series per metric.')
func queueMetric(name string, title string, namespaceId string, queue string, metric string) metricChartItem => {
  type: 10
  name: name
  content: {
    chartId: 'workbook-${name}'
    version: 'MetricsItem/2.0'
    title: title
    size: 0
    chartType: 2
    resourceType: 'microsoft.servicebus/namespaces'
    metricScope: 0
    resourceIds: [
      namespaceId
    ]
    timeContextFromParameter: 'TimeRange'
    timeContext: {
      durationMs: 86400000
    }
    metrics: [
      {
        namespace: 'microsoft.servicebus/namespaces'
        metric: 'microsoft.servicebus/namespaces--${metric}'
        // Maximum: both metrics are gauges (messages sitting in the queue at a time).
        aggregation: 3
      }
    ]
    filters: [
      {
        key: 'EntityName'
        operator: 0
        values: [
          queue
        ]
      }
    ]
  }
}

var workbook = {
  version: 'Notebook/1.0'
  items: [
    {
      type: 1
      name: 'intro'
      content: {
        json: '## Portal exports\nExports finished per hour, how long they took, why they failed, the export queue, purges and downloads. The figures come from the app\'s structured log lines (`metric export_duration_ms {…}`, `export.completed {…}`, …) in Application Insights and from Service Bus metrics. Runbook: infra/README.md.'
      }
    }
    {
      type: 9
      name: 'parameters'
      content: {
        version: 'KqlParameterItem/1.0'
        parameters: [
          {
            id: '7d7c2c3e-0f4b-4c55-9a57-2b1a1a6f0e01'
            version: 'KqlParameterItem/1.0'
            name: 'TimeRange'
            label: 'Time range'
            type: 4
            isRequired: true
            value: {
              durationMs: 86400000
            }
            typeSettings: {
              allowCustom: true
              selectableValues: [
                {
                  durationMs: 3600000
                }
                {
                  durationMs: 14400000
                }
                {
                  durationMs: 86400000
                }
                {
                  durationMs: 259200000
                }
                {
                  durationMs: 604800000
                }
              ]
            }
          }
        ]
      }
    }
    logChart(
      'exports-per-hour',
      'Exports per hour by status and format',
      loadTextContent('../queries/exports-per-hour.kql'),
      'barchart'
    )
    logChart(
      'export-duration',
      'Export duration, seconds (p50, p95)',
      loadTextContent('../queries/export-duration.kql'),
      'timechart'
    )
    logChart(
      'rows-per-second',
      'Rows per second by format (p50, slowest 10 %)',
      loadTextContent('../queries/rows-per-second.kql'),
      'timechart'
    )
    logChart('failures-by-code', 'Failures by code', loadTextContent('../queries/failures-by-code.kql'), 'table')
    queueMetric('queue-depth', 'Queue depth (active messages)', serviceBus.id, queueName, 'ActiveMessages')
    queueMetric('dead-letters', 'Dead-lettered messages', serviceBus.id, queueName, 'DeadletteredMessages')
    logChart('purges', 'Files purged per hour', loadTextContent('../queries/purges.kql'), 'barchart')
    logChart('downloads', 'Downloads through the API per hour', loadTextContent('../queries/downloads.kql'), 'barchart')
    logChart(
      'startup-failures',
      'Failed start-ups (503s) by error',
      loadTextContent('../queries/startup-failures.kql'),
      'table'
    )
  ]
  fallbackResourceIds: [
    appInsights.id
  ]
}

resource exportsWorkbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  // A workbook's name must be a GUID; this one is stable per resource group and display name.
  name: guid(resourceGroup().id, 'portal-exports-workbook', displayName)
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    sourceId: appInsights.id
    version: '1.0'
    serializedData: string(workbook)
  }
}

output workbookId string = exportsWorkbook.id

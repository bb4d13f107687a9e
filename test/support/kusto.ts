/**
 * Microsoft's Kusto language service (npm @kusto/language-service-next, the Kusto.Language engine
 * that the Azure Portal's query editors use) with the Application Insights tables our queries read,
 * so a query is checked for syntax AND for names: a misspelled column, table or function is an error.
 */
import { createRequire } from 'node:module';

/** The columns of the Application Insights tables (classic, resource-scoped query schema) we query. */
const APP_INSIGHTS_TABLES: Readonly<Record<string, string>> = {
  traces:
    '(timestamp:datetime, message:string, severityLevel:int, itemType:string, customDimensions:dynamic, customMeasurements:dynamic, operation_Name:string, operation_Id:string, operation_ParentId:string, cloud_RoleName:string, cloud_RoleInstance:string, appName:string, appId:string, itemId:string, itemCount:int, sdkVersion:string)',
  requests:
    '(timestamp:datetime, id:string, source:string, name:string, url:string, success:bool, resultCode:string, duration:real, performanceBucket:string, itemType:string, customDimensions:dynamic, customMeasurements:dynamic, operation_Name:string, operation_Id:string, operation_ParentId:string, cloud_RoleName:string, cloud_RoleInstance:string, appName:string, appId:string, itemId:string, itemCount:int, sdkVersion:string)',
  customMetrics:
    '(timestamp:datetime, name:string, value:real, valueCount:int, valueSum:real, valueMin:real, valueMax:real, valueStdDev:real, customDimensions:dynamic, itemType:string, operation_Name:string, operation_Id:string, cloud_RoleName:string, cloud_RoleInstance:string, appName:string, appId:string, itemId:string, itemCount:int, sdkVersion:string)',
  customEvents:
    '(timestamp:datetime, name:string, itemType:string, customDimensions:dynamic, customMeasurements:dynamic, operation_Name:string, operation_Id:string, cloud_RoleName:string, cloud_RoleInstance:string, appName:string, appId:string, itemId:string, itemCount:int, sdkVersion:string)',
  exceptions:
    '(timestamp:datetime, problemId:string, handledAt:string, type:string, message:string, assembly:string, method:string, outerType:string, outerMessage:string, outerAssembly:string, outerMethod:string, innermostType:string, innermostMessage:string, severityLevel:int, details:dynamic, itemType:string, customDimensions:dynamic, customMeasurements:dynamic, operation_Name:string, operation_Id:string, cloud_RoleName:string, cloud_RoleInstance:string, appName:string, appId:string, itemId:string, itemCount:int, sdkVersion:string)',
  dependencies:
    '(timestamp:datetime, id:string, target:string, type:string, name:string, data:string, success:bool, resultCode:string, duration:real, performanceBucket:string, itemType:string, customDimensions:dynamic, customMeasurements:dynamic, operation_Name:string, operation_Id:string, cloud_RoleName:string, cloud_RoleInstance:string, appName:string, appId:string, itemId:string, itemCount:int, sdkVersion:string)',
};

export interface KqlDiagnostic {
  readonly severity: string;
  readonly message: string;
  /** Line and column (1-based) where the problem starts. */
  readonly line: number;
  readonly column: number;
}

interface KustoLanguage {
  KustoCode: {
    ParseAndAnalyze(text: string, globals: unknown): { GetDiagnostics(): { Count: number; getItem(i: number): any } };
  };
  GlobalState: { Default: { WithDatabase(db: unknown): unknown } };
  Symbols: {
    TableSymbol: { $ctor7: new (name: string, schema: string, description: string | null) => unknown };
    DatabaseSymbol: { ctor: new (name: string, members: unknown[]) => unknown };
  };
}

let loaded: { kusto: KustoLanguage; globals: unknown } | undefined;

function kusto() {
  if (!loaded) {
    // The package is a Bridge.NET build: its runtime, then the engine, both define globals.
    const require = createRequire(__filename);
    require('@kusto/language-service-next/bridge.js');
    require('@kusto/language-service-next/Kusto.Language.Bridge.js');
    const kustoLanguage = (globalThis as any).Kusto.Language as KustoLanguage;
    const tables = Object.entries(APP_INSIGHTS_TABLES).map(
      ([name, schema]) => new kustoLanguage.Symbols.TableSymbol.$ctor7(name, schema, null),
    );
    const database = new kustoLanguage.Symbols.DatabaseSymbol.ctor('ApplicationInsights', tables);
    loaded = { kusto: kustoLanguage, globals: kustoLanguage.GlobalState.Default.WithDatabase(database) };
  }
  return loaded;
}

/** Parses and analyzes one query against the Application Insights tables; [] when it is valid. */
export function checkKql(query: string): KqlDiagnostic[] {
  const { kusto: k, globals } = kusto();
  const diagnostics = k.KustoCode.ParseAndAnalyze(query, globals).GetDiagnostics();
  const found: KqlDiagnostic[] = [];
  for (let i = 0; i < diagnostics.Count; i++) {
    const d = diagnostics.getItem(i) as { Severity: string; Message: string; Start: number };
    const before = query.slice(0, d.Start).split('\n');
    found.push({
      severity: String(d.Severity),
      message: String(d.Message),
      line: before.length,
      column: before.at(-1)!.length + 1,
    });
  }
  return found;
}

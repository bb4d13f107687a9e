/**
 * The private-networking option of infra/main.bicep, checked in the compiled ARM template (nothing here
 * can deploy it): off by default; when on, a VNet with a subnet delegated to Flex Consumption, private
 * endpoints for Azure SQL, both storage accounts and Service Bus, and the public endpoints closed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = join(__dirname, '..', '..');
const bicepPath = process.env.BICEP_PATH ?? join(repoRoot, '.tools', 'bicep');

interface Deployment {
  type: string;
  condition?: string;
  copy?: { input?: unknown };
  properties: { parameters: Record<string, { value?: unknown }>; template: Template };
}
interface Template {
  parameters?: Record<string, { type: string; defaultValue?: unknown; allowedValues?: unknown[] }>;
  variables?: Record<string, unknown>;
  resources: Record<string, { type: string; condition?: string; properties?: unknown }> | { type: string }[];
}

let main: Template & { resources: Record<string, Deployment> };
const module = (name: string) => main.resources[name]!;
/** A module parameter's value: a constant `{ value }` or, for a conditional value, the whole expression. */
const param = (m: string, p: string): unknown => {
  const given = module(m).properties.parameters[p] as unknown;
  return typeof given === 'string' ? given : (given as { value?: unknown } | undefined)?.value;
};

describe.skipIf(!existsSync(bicepPath))('private networking (compiled template)', () => {
  beforeAll(() => {
    const run = spawnSync(bicepPath, ['build', join(repoRoot, 'infra', 'main.bicep'), '--stdout'], {
      cwd: repoRoot,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 180_000,
    });
    if (run.status !== 0) throw new Error(run.stderr);
    main = JSON.parse(run.stdout);
  }, 200_000);

  it('is a parameter, off by default', () => {
    expect(main.parameters?.privateNetworking).toMatchObject({ type: 'bool', defaultValue: false });
    expect(main.parameters?.exportStoragePublicNetworkAccess?.defaultValue).toBe('Enabled');
  });

  it('creates the network and the private endpoints only when on', () => {
    expect(module('network').condition).toBe("[parameters('privateNetworking')]");
    expect(module('privateEndpoint').condition).toBe("[parameters('privateNetworking')]");
    const endpoints = main.variables?.privateEndpoints as { groupId: string; name: string }[];
    expect(endpoints.map((e) => e.groupId).sort()).toEqual(['blob', 'blob', 'namespace', 'queue', 'sqlServer', 'table']);
  });

  it('closes the public endpoints of SQL, host storage and Service Bus when on', () => {
    const closed = "[if(parameters('privateNetworking'), createObject('value', 'Disabled'), createObject('value', 'Enabled'))]";
    expect(param('sql', 'publicNetworkAccess')).toBe(closed);
    expect(param('hostStorage', 'publicNetworkAccess')).toBe(closed);
    expect(param('serviceBus', 'private')).toBe("[parameters('privateNetworking')]");
    expect(param('exportStorage', 'publicNetworkAccess')).toBe(
      "[if(parameters('privateNetworking'), createObject('value', parameters('exportStoragePublicNetworkAccess')), createObject('value', 'Enabled'))]",
    );
    // The "Allow Azure services" firewall rule exists only while the SQL endpoint is public.
    const sqlResources = module('sql').properties.template.resources as Record<string, { type: string; condition?: string }>;
    const rule = Object.values(sqlResources).find((r) => r.type === 'Microsoft.Sql/servers/firewallRules');
    expect(rule?.condition).toBe("[equals(parameters('publicNetworkAccess'), 'Enabled')]");
    // Service Bus private endpoints need Premium.
    const sb = JSON.stringify(module('serviceBus').properties.template);
    expect(sb).toContain("if(parameters('private'), createObject('name', 'Premium'");
  });

  it('integrates the Function App with a subnet delegated to Microsoft.App/environments', () => {
    expect(String(param('functionApp', 'virtualNetworkSubnetId'))).toMatch(/^\[if\(parameters\('privateNetworking'\), createObject\('value', .*'appSubnetId'/);
    const network = JSON.stringify(module('network').properties.template);
    expect(network).toContain('"serviceName":"Microsoft.App/environments"');
  });
});

/**
 * Every KQL query the Bicep deploys — the alert rules and the workbook — lives in infra/queries/*.kql
 * (loaded with loadTextContent) and is parsed and analyzed here by Microsoft's Kusto language service
 * against the Application Insights tables, so a syntax error or a misspelled table, column or function
 * fails the build. A deliberately broken query proves the check can fail.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../functions/definitions.js';
import { checkKql, type KqlDiagnostic } from '../support/kusto.js';

const repoRoot = join(__dirname, '..', '..');
const queriesDir = join(repoRoot, 'infra', 'queries');
const bicepPath = process.env.BICEP_PATH ?? join(repoRoot, '.tools', 'bicep');

function problemsIn(dir: string): Record<string, KqlDiagnostic[]> {
  const problems: Record<string, KqlDiagnostic[]> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.kql'))) {
    const found = checkKql(readFileSync(join(dir, file), 'utf8'));
    if (found.length > 0) problems[file] = found;
  }
  return problems;
}

function bicepFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'tools' ? [] : bicepFiles(join(dir, e.name))) : e.name.endsWith('.bicep') ? [join(dir, e.name)] : [],
  );
}

const queryFiles = readdirSync(queriesDir).filter((f) => f.endsWith('.kql'));
const bicepSources = bicepFiles(join(repoRoot, 'infra')).map((path) => ({ path, text: readFileSync(path, 'utf8') }));

describe('KQL in infra/ (Kusto language service)', () => {
  it('parses and analyzes every query without a diagnostic', () => {
    expect(queryFiles.length).toBeGreaterThanOrEqual(9);
    expect(problemsIn(queriesDir)).toEqual({});
  });

  it('catches a broken query (the check can fail)', () => {
    const problems = problemsIn(join(__dirname, 'fixtures'));
    expect(Object.keys(problems)).toEqual(['broken.kql']);
    const messages = problems['broken.kql']!.map((d) => d.message).join('\n');
    expect(messages).toMatch(/'mesage' does not refer to any known column/);
    expect(problems['broken.kql']!.some((d) => d.line === 5)).toBe(true);
    // The same query with the column spelled right and the operand back parses.
    const fixed = readFileSync(join(__dirname, 'fixtures', 'broken.kql'), 'utf8')
      .replace('mesage', 'message')
      .replace(/by\s*$/, 'by bin(timestamp, 1h)');
    expect(checkKql(fixed)).toEqual([]);
    // And a wrong table name is an error too.
    expect(checkKql('trace | take 1').map((d) => d.message).join()).toMatch(/'trace' does not refer/);
  });

  it('keeps every query in a .kql file: the Bicep has no inline KQL', () => {
    for (const { path, text } of bicepSources) {
      // Multi-line strings are where inline KQL lived (descriptions may use them); a query property
      // must load a file.
      expect(text.replace(/@description\('''[\s\S]*?'''\)/g, ''), path).not.toContain("'''");
      for (const m of text.matchAll(/\bquery:\s*(.+)$/gm)) expect(m[1], path).toMatch(/^(loadTextContent\('\.\.\/queries\/[\w-]+\.kql'\)|query|string)$/);
    }
  });

  it('deploys every .kql file, and loads no file that does not exist', () => {
    const loaded = bicepSources.flatMap(({ text }) => [...text.matchAll(/loadTextContent\('\.\.\/queries\/([\w-]+\.kql)'\)/g)].map((m) => m[1]!));
    expect([...new Set(loaded)].sort()).toEqual([...queryFiles].sort());
    for (const file of loaded) expect(existsSync(join(queriesDir, file)), file).toBe(true);
  });

  it.skipIf(!existsSync(bicepPath))('compiles each query into the ARM template unchanged', { timeout: 180_000 }, () => {
    const run = spawnSync(bicepPath, ['build', join(repoRoot, 'infra', 'main.bicep'), '--stdout'], {
      cwd: repoRoot,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 180_000,
    });
    expect(run.status, run.stderr).toBe(0);
    for (const file of queryFiles) {
      const escaped = JSON.stringify(readFileSync(join(queriesDir, file), 'utf8'));
      expect(run.stdout.includes(escaped), file).toBe(true);
    }
  });

  it('reads only log lines and metrics the code writes, and request names of real functions', () => {
    const code = ['functions', 'shared']
      .flatMap((d) => readdirSync(join(repoRoot, d), { recursive: true, encoding: 'utf8' }).map((f) => join(repoRoot, d, f)))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const events = new Set<string>();
    for (const file of queryFiles) {
      const kql = readFileSync(join(queriesDir, file), 'utf8');
      for (const m of kql.matchAll(/"((?:metric [a-z_]+)|(?:[a-z]+\.[a-z.-]+))(?: \{)?"/g)) events.add(m[1]!);
      for (const m of kql.matchAll(/\bname == "(\w+)"/g)) {
        if (/\brequests\b/.test(kql)) expect(functionDefinitions.map((d) => d.name), file).toContain(m[1]);
      }
    }
    expect(events.size).toBeGreaterThan(5);
    for (const event of events) {
      const metric = /^metric (\w+)$/.exec(event);
      if (metric) expect(code, event).toContain(`metric('${metric[1]}'`);
      else expect(code.includes(`'${event}'`) || code.includes(`${event} \${`) || code.includes(`\`${event} `), event).toBe(true);
    }
  });

  it('gives the workbook every panel the platform team asked for', () => {
    const workbook = readFileSync(join(repoRoot, 'infra', 'modules', 'workbook.bicep'), 'utf8');
    for (const query of ['exports-per-hour', 'export-duration', 'rows-per-second', 'failures-by-code', 'purges', 'downloads']) {
      expect(workbook).toContain(`loadTextContent('../queries/${query}.kql')`);
    }
    // Queue depth and dead letters: Service Bus platform metrics of the export queue, not a log query.
    expect(workbook).toMatch(/queueMetric\(.*'ActiveMessages'\)/);
    expect(workbook).toMatch(/queueMetric\(.*'DeadletteredMessages'\)/);
    expect(workbook).toContain("key: 'EntityName'");
  });
});

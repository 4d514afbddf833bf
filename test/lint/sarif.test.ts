import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, LINT_RULES, toSarif } from '../../src/lint/index.js';

const SAMPLE = path.resolve('samples/two-schemas-readonly');

describe('SARIF output', () => {
  it('is SARIF 2.1.0 with every rule described and results located by relative path', async () => {
    const report = await lint({ paths: [SAMPLE], protectSchemas: ['crm'], cwd: path.resolve('.') });
    const sarif = toSarif(report, '0.1.0') as any;
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    const { driver } = sarif.runs[0].tool;
    expect(driver.name).toBe('pgmend');
    const ids = driver.rules.map((r: any) => r.id);
    for (const rule of LINT_RULES) expect(ids).toContain(rule.code);
    for (const r of driver.rules) expect(r.shortDescription.text.length).toBeGreaterThan(10);

    const results = sarif.runs[0].results;
    expect(results).toHaveLength(report.findings.length);
    for (const [i, r] of results.entries()) {
      const f = report.findings[i]!;
      expect(r.ruleId).toBe(f.code);
      expect(driver.rules[r.ruleIndex].id).toBe(f.code);
      expect(r.level).toBe({ error: 'error', warning: 'warning', info: 'note' }[f.severity]);
      expect(r.message.text).toContain(f.message);
      const loc = r.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).toBe(f.file);
      expect(loc.artifactLocation.uri).toMatch(/^samples\/two-schemas-readonly\/migrations\/versions\/\w+\.py$/);
      expect(loc.region).toEqual({ startLine: f.line, startColumn: f.column });
    }
    expect(results.some((r: any) => r.ruleId === 'protected-schema-write' && r.level === 'error')).toBe(true);
  });
});

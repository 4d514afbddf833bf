import { LINT_RULES, OTHER_FINDINGS } from './registry.js';
import type { LintReport } from './types.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/**
 * SARIF 2.1.0 for GitHub code scanning: one run, every rule pgmend lint can report in
 * tool.driver.rules, and results located by path relative to the checkout root.
 */
export function toSarif(report: LintReport, version?: string): object {
  const rules = [
    ...LINT_RULES.map((r) => ({ code: r.code, description: r.description, level: LEVEL[r.severity] })),
    ...OTHER_FINDINGS.map((r) => ({ code: r.code, description: r.description, level: r.code === 'unqualified-name' ? ('note' as const) : ('warning' as const) })),
  ];
  const index = new Map(rules.map((r, i) => [r.code, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pgmend',
            ...(version ? { version } : {}),
            rules: rules.map((r) => ({
              id: r.code,
              name: r.code,
              shortDescription: { text: r.description },
              fullDescription: { text: r.description },
              defaultConfiguration: { level: r.level },
            })),
          },
        },
        results: report.findings.map((f) => ({
          ruleId: f.code,
          ...(index.has(f.code) ? { ruleIndex: index.get(f.code) } : {}),
          level: LEVEL[f.severity],
          message: { text: `${f.message} (${f.hint})` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
                region: { startLine: f.line, startColumn: f.column },
              },
            },
          ],
        })),
      },
    ],
  };
}

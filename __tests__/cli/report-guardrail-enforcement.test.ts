import { join } from 'node:path';
import { buildReport, reportJson, reportMarkdown, type FullReport } from '../../cli/report';
import type { GuardrailCoverage } from '../../cli/report/guardrail-enforcement';
import { synthesizeYaml } from '../support/synth-fixture';

/**
 * The report's Guardrail enforcement section: which layers the Bedrock organization policy
 * reaches, which the SCP route does, in the Markdown and in the JSON.
 */

const CONFIG = `
organization:
  id: o-a1b2c3d4e5
  managementAccount: "111111111111"
  root: r-ab12
  units:
    Sandbox: { id: ou-ab12-11111111 }
    Workloads: { id: ou-ab12-22222222, units: { Prod: { id: ou-ab12-33333333 } } }
  accounts:
    management: { id: "111111111111" }
    sandbox-dev: { id: "222222222222", unit: Sandbox }
    prod-app:   { id: "333333333333", unit: Workloads/Prod }
breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]
guardrails:
  org-standard:
    account: management
    contentFilters: { hate: HIGH }
    version: { description: Approved for the organization }
models:
  Workloads:
    bedrock:
      requireGuardrail:
        organizationPolicy: { guardrails: [org-standard] }
  prod-app:
    bedrock:
      requireGuardrail:
        guardrails: [arn:aws:bedrock:us-east-1:333333333333:guardrail/prodapp01]
`;

describe('the report shows both guardrail routes', () => {
  let report: FullReport;
  beforeAll(async () => {
    const synth = await synthesizeYaml(CONFIG);
    const built = await buildReport({ configFile: join(synth.outdir, '..', 'governance.yaml'), outdir: synth.outdir });
    if (built.mode !== 'full') throw new Error('expected a full report');
    report = built;
  });

  test('the JSON lists each reached layer with the layers its routes come from', () => {
    const json = reportJson(report) as { guardrailEnforcement: GuardrailCoverage[] };
    expect(json.guardrailEnforcement).toEqual([
      { layer: 'Workloads', kind: 'unit', id: 'ou-ab12-22222222', organizationPolicy: [{ from: 'Workloads', guardrails: ['org-standard (us-east-1)'] }], scp: [] },
      { layer: 'Workloads/Prod', kind: 'unit', id: 'ou-ab12-33333333', organizationPolicy: [{ from: 'Workloads', guardrails: ['org-standard (us-east-1)'] }], scp: [] },
      {
        layer: 'prod-app',
        kind: 'account',
        id: '333333333333',
        organizationPolicy: [{ from: 'Workloads', guardrails: ['org-standard (us-east-1)'] }],
        scp: [{ from: 'prod-app', guardrails: ['arn:aws:bedrock:us-east-1:333333333333:guardrail/prodapp01'] }],
      },
    ]);
  });

  test('the existing JSON fields stay', () => {
    const json = reportJson(report);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['report', 'version', 'columns', 'rows', 'roles', 'budget', 'warnings', 'routesNoScpCloses', 'diagram']));
  });

  test('the Markdown has a Guardrail enforcement table, between the SCP budget and the warnings', () => {
    const markdown = reportMarkdown(report);
    const section = markdown.split('\n## Guardrail enforcement\n')[1]?.split('\n## ')[0] ?? 'no section';
    expect(markdown.indexOf('## SCP budget')).toBeLessThan(markdown.indexOf('## Guardrail enforcement'));
    expect(markdown.indexOf('## Guardrail enforcement')).toBeLessThan(markdown.indexOf('## Warnings'));
    expect(section).toContain('| Workloads/Prod (ou-ab12-33333333) | Workloads: `org-standard (us-east-1)` | - |');
    expect(section).toContain('| prod-app (333333333333) | Workloads: `org-standard (us-east-1)` | prod-app: `arn:aws:bedrock:us-east-1:333333333333:guardrail/prodapp01` |');
    expect(section).not.toContain('sandbox-dev');
  });

  test('the Bedrock policy is not read as an SCP: the matrix still evaluates the SCPs', () => {
    expect(report.budgets.map((b) => b.layer)).not.toContain('modelgate-guardrail-ou-workloads');
    expect(report.matrix.rows.map((r) => r.layer)).toContain('prod-app');
  });
});

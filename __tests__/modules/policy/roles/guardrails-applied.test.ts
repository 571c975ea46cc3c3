import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../../../modules/config';
import { compileAccountRoles } from '../../../../modules/policy/roles/account-roles';
import { PROJECT_ROOT } from '../../../support/run-app';

/**
 * A model call that applies a guardrail, named in the request or enforced by an organization
 * policy, needs bedrock:ApplyGuardrail on that guardrail; across accounts, the guardrail's resource
 * policy must allow it too (the root stack's output holds that policy for the guardrails modelgate
 * creates). The model users' generated policies grant it on exactly the guardrails of their lineage.
 */

const FIXTURE = readFileSync(join(PROJECT_ROOT, '__tests__', 'fixtures', 'guardrail-organization-policy.yaml'), 'utf8');
const MODEL_USER = [
  'modelUsers:',
  '  app-invoker:',
  '    account: prod-app',
  '    role: { assumedBy: { services: [lambda.amazonaws.com] } }',
  '    models: ["anthropic.claude-3-5-sonnet*"]',
  '',
].join('\n');

/** The statements of app-invoker's generated policy in the fixture, with `edit` applied to its text. */
async function appInvokerStatements(edit: (yaml: string) => string = (yaml) => yaml): Promise<{ Sid: string; Action: string[]; Resource: string[] }[]> {
  const { governance } = parseConfig(edit(`${FIXTURE.trimEnd()}\n${MODEL_USER}`), 'governance.yaml');
  const { roles, problems } = await compileAccountRoles(governance);
  expect(problems).toEqual([]);
  const user = roles.get('prod-app')?.modelUsers.find((u) => u.name === 'app-invoker');
  if (!user) throw new Error('no model user app-invoker in prod-app');
  return (JSON.parse(user.inlinePolicy) as { Statement: { Sid: string; Action: string | string[]; Resource: string | string[] }[] }).Statement.map((s) => ({
    Sid: s.Sid,
    Action: ([] as string[]).concat(s.Action),
    Resource: ([] as string[]).concat(s.Resource),
  }));
}

describe('the guardrails a model user applies', () => {
  test('the SCP route and the organization policies of its lineage: ApplyGuardrail on each, without versions', async () => {
    const apply = (await appInvokerStatements()).find((s) => s.Sid === 'ApplyRequiredGuardrails');
    expect(apply).toEqual({
      Sid: 'ApplyRequiredGuardrails',
      Action: ['bedrock:ApplyGuardrail'],
      Resource: [
        // The root's organization policy names a published version by ARN: the guardrail, without ":2".
        'arn:aws:bedrock:eu-west-1:111111111111:guardrail/euguard01',
        // org-standard is created by modelgate in the management account: its id is known at apply time only.
        'arn:aws:bedrock:us-east-1:111111111111:guardrail/*',
        // Workloads/Prod's SCP route.
        'arn:aws:bedrock:us-east-1:333333333333:guardrail/prodapp01',
      ],
    });
  });

  test('no guardrail in its lineage: no ApplyGuardrail', async () => {
    const withoutGuardrails = (yaml: string): string => yaml.replace(/^models:\n(?: {2}.*\n)+/m, 'models: {}\n');
    const statements = await appInvokerStatements(withoutGuardrails);
    expect(statements.map((s) => s.Sid)).toEqual(['AllowApprovedModels']);
  });
});

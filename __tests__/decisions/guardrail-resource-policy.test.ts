import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { GUARDRAIL_RESOURCE_POLICY_ACTIONS, guardrailResourcePolicy, guardrailResourcePolicyStatement } from '../../modules/policy';
import { statementProblems } from '../../modules/policy/catalog';

/**
 * The guardrail resource policy an organization policy needs, evaluated by the independent
 * simulator: a principal of the organization may apply and read the guardrail from its own
 * account, a principal outside may not, and nothing else is granted.
 */

const ORG_ID = 'o-a1b2c3d4e5';
const GUARDRAIL = 'arn:aws:bedrock:us-east-1:111111111111:guardrail/abcdef123456';
const policy = guardrailResourcePolicy(GUARDRAIL, ORG_ID);
const ALLOW_ALL = { name: 'allow-all', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } };

/** A cross-account request: the caller's own identity policy allows everything, the guardrail decides. */
async function decide(principal: string, action: string, orgId: string | undefined, resource = GUARDRAIL): Promise<string> {
  const request: Simulation['request'] = {
    principal,
    action,
    resource: { resource, accountId: '111111111111' },
    contextVariables: orgId ? { 'aws:PrincipalOrgID': orgId } : {},
  };
  const result = await runSimulation({ request, identityPolicies: [ALLOW_ALL], serviceControlPolicies: [], resourceControlPolicies: [], resourcePolicy: JSON.parse(policy) }, {});
  if (result.resultType !== 'single') throw new Error(`unexpected simulation result: ${JSON.stringify(result).slice(0, 300)}`);
  return result.overallResult;
}

const MEMBER_ROLE = 'arn:aws:iam::333333333333:role/app';
const OUTSIDER = 'arn:aws:iam::999999999999:role/app';

describe('the guardrail resource policy', () => {
  test('is the documented shape: Principal "*", the two actions, aws:PrincipalOrgID only', () => {
    expect(JSON.parse(policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ApplyGuardrailFromTheOrganization',
          Effect: 'Allow',
          Principal: '*',
          Action: ['bedrock:ApplyGuardrail', 'bedrock:GetGuardrail'],
          Resource: GUARDRAIL,
          Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG_ID } },
        },
      ],
    });
  });

  test('names only actions and condition keys the IAM catalog knows', async () => {
    expect(await statementProblems(guardrailResourcePolicyStatement(GUARDRAIL, ORG_ID))).toEqual([]);
  });

  test.each(GUARDRAIL_RESOURCE_POLICY_ACTIONS)('a role of a member account may %s', async (action) => {
    expect(await decide(MEMBER_ROLE, action, ORG_ID)).toBe('Allowed');
  });

  test.each(GUARDRAIL_RESOURCE_POLICY_ACTIONS)('a role of another organization may not %s', async (action) => {
    expect(await decide(OUTSIDER, action, 'o-zzzzzzzzzz')).toBe('ImplicitlyDenied');
  });

  test('a principal of no organization may not apply it', async () => {
    expect(await decide(OUTSIDER, 'bedrock:ApplyGuardrail', undefined)).toBe('ImplicitlyDenied');
  });

  test.each(['bedrock:UpdateGuardrail', 'bedrock:DeleteGuardrail', 'bedrock:CreateGuardrailVersion', 'bedrock:PutResourcePolicy', 'bedrock:TagResource'])(
    'a member account may not %s',
    async (action) => {
      expect(await decide(MEMBER_ROLE, action, ORG_ID)).toBe('ImplicitlyDenied');
    },
  );

  test('grants nothing on another guardrail of the management account', async () => {
    expect(await decide(MEMBER_ROLE, 'bedrock:ApplyGuardrail', ORG_ID, 'arn:aws:bedrock:us-east-1:111111111111:guardrail/other0000000')).toBe('ImplicitlyDenied');
  });
});

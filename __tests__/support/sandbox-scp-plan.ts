/**
 * One small organization whose Sandbox OU denies DeepSeek models, and `terraform show -json` plans
 * of its ou-sandbox stack: what plan review and the run task read.
 */
export const SANDBOX_CONFIG = `
organization:
  managementAccount: "111111111111"
  root: r-ab12
  units:
    Sandbox: { id: ou-ab12-11111111 }
breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]
models:
  Sandbox:
    bedrock: { deny: ["deepseek.*"] }
`;

/** The SCP deployed before the plan: DeepSeek denied. */
export const DENY_DEEPSEEK = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'DenyDeepSeek', Effect: 'Deny', Action: ['bedrock:InvokeModel'], Resource: ['arn:aws:bedrock:*::foundation-model/deepseek.*'] }],
});

/**
 * A plan in the shape of `terraform show -json`: DENY_DEEPSEEK and its attachment in the prior
 * state, and the SCP with `planned` content (undefined: destroyed, with its attachment).
 */
export function sandboxScpPlan(planned: string | undefined): string {
  const policy = (content: string): Record<string, unknown> => ({
    address: 'aws_organizations_policy.scp',
    type: 'aws_organizations_policy',
    name: 'scp',
    values: { name: 'modelgate-ou-sandbox-1', type: 'SERVICE_CONTROL_POLICY', content, id: 'p-1' },
  });
  const attachment = { address: 'aws_organizations_policy_attachment.attach', type: 'aws_organizations_policy_attachment', name: 'attach', values: { target_id: 'ou-ab12-11111111', policy_id: 'p-1' } };
  return JSON.stringify({
    format_version: '1.2',
    prior_state: { values: { root_module: { resources: [policy(DENY_DEEPSEEK), attachment] } } },
    planned_values: { root_module: { resources: planned === undefined ? [] : [policy(planned), attachment] } },
    configuration: { root_module: { resources: [{ address: 'aws_organizations_policy_attachment.attach', expressions: { policy_id: { references: ['aws_organizations_policy.scp.id', 'aws_organizations_policy.scp'] } } }] } },
  });
}

import type { PolicyStatement } from '../statement';

/**
 * The resource-based policy a guardrail needs before an organization policy can enforce it: every
 * principal of the organization may apply and read it. Bedrock accepts only this shape for
 * organization-enforced guardrails (Bedrock User Guide, "Using resource-based policies for
 * guardrails": only bedrock:ApplyGuardrail and bedrock:GetGuardrail, Principal "*" only with an
 * aws:PrincipalOrgID or aws:PrincipalOrgPaths condition, nothing outside the organization).
 */

/** The two actions Bedrock allows in a guardrail's resource policy. */
export const GUARDRAIL_RESOURCE_POLICY_ACTIONS = ['bedrock:ApplyGuardrail', 'bedrock:GetGuardrail'] as const;

const SID = 'ApplyGuardrailFromTheOrganization';

/** The statement, as modelgate's other documents hold theirs (for the IAM catalog check). */
export function guardrailResourcePolicyStatement(guardrailArn: string, organizationId: string): PolicyStatement {
  return {
    Sid: SID,
    Effect: 'Allow',
    Principal: { AWS: ['*'] },
    Action: [...GUARDRAIL_RESOURCE_POLICY_ACTIONS],
    Resource: [guardrailArn],
    Condition: { StringEquals: { 'aws:PrincipalOrgID': [organizationId] } },
  };
}

/**
 * Literal minified JSON in the documented form, `"Principal":"*"` written as the guide writes it
 * (the shared renderer writes principals as objects).
 */
export function guardrailResourcePolicy(guardrailArn: string, organizationId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: SID,
        Effect: 'Allow',
        Principal: '*',
        Action: [...GUARDRAIL_RESOURCE_POLICY_ACTIONS],
        Resource: guardrailArn,
        Condition: { StringEquals: { 'aws:PrincipalOrgID': organizationId } },
      },
    ],
  });
}

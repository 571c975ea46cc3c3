import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { requireAwsProvider } from '../aws-provider';
import { BEDROCK_POLICY_PROVIDER_VERSION } from '../config/light';

export interface OrganizationGuardrailPolicyProps {
  /** The policy name, e.g. modelgate-guardrail-root. */
  readonly name: string;
  readonly description: string;
  /** The root or OU id the policy attaches to. */
  readonly targetId: string;
  /** The Bedrock policy content as modules/policy renders it (literal minified JSON). */
  readonly content: string;
}

/**
 * An AWS Organizations Bedrock policy (type BEDROCK_POLICY) and its attachment: Bedrock applies the
 * named guardrail to the model calls of every account below the target. It makes no policy
 * decisions, and raises its stack's hashicorp/aws constraint to the first release known to accept
 * the type.
 */
export class OrganizationGuardrailPolicy extends Construct {
  readonly policy: OrganizationsPolicy;

  constructor(scope: Construct, id: string, props: OrganizationGuardrailPolicyProps) {
    super(scope, id);
    requireAwsProvider(TerraformStack.of(this), BEDROCK_POLICY_PROVIDER_VERSION);
    this.policy = new OrganizationsPolicy(this, 'policy', { name: props.name, description: props.description, type: 'BEDROCK_POLICY', content: props.content });
    new OrganizationsPolicyAttachment(this, 'attachment', { policyId: this.policy.id, targetId: props.targetId });
  }
}

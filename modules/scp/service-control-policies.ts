import { OrganizationsPolicy } from '@cdktf/provider-aws/lib/organizations-policy';
import { OrganizationsPolicyAttachment } from '@cdktf/provider-aws/lib/organizations-policy-attachment';
import { Construct } from 'constructs';

/** One SCP document to create, as the policy compiler produced it. */
export interface ServiceControlPolicyDocument {
  /** Stable policy name, e.g. modelgate-ou-sandbox-1. */
  readonly name: string;
  readonly description: string;
  /** Literal minified JSON policy. */
  readonly content: string;
}

export interface ServiceControlPoliciesProps {
  /** The root, OU or account id the policies attach to. */
  readonly targetId: string;
  /** Packed documents, in order; logical ids follow the order, so keep it stable. */
  readonly policies: readonly ServiceControlPolicyDocument[];
  /** Tags on each policy. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Places packed SCP documents: one aws_organizations_policy and one
 * aws_organizations_policy_attachment each. It makes no policy decisions.
 */
export class ServiceControlPolicies extends Construct {
  readonly policies: readonly OrganizationsPolicy[];

  constructor(scope: Construct, id: string, props: ServiceControlPoliciesProps) {
    super(scope, id);
    this.policies = props.policies.map((document, index) => {
      const policy = new OrganizationsPolicy(this, `policy-${index + 1}`, {
        name: document.name,
        description: document.description,
        type: 'SERVICE_CONTROL_POLICY',
        content: document.content,
        ...(props.tags && Object.keys(props.tags).length > 0 ? { tags: { ...props.tags } } : {}),
      });
      new OrganizationsPolicyAttachment(this, `attachment-${index + 1}`, {
        policyId: policy.id,
        targetId: props.targetId,
      });
      return policy;
    });
  }
}

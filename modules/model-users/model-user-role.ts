import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SsoadminPermissionSet } from '@cdktf/provider-aws/lib/ssoadmin-permission-set';
import { SsoadminPermissionSetInlinePolicy } from '@cdktf/provider-aws/lib/ssoadmin-permission-set-inline-policy';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { MODEL_USER_POLICY_NAME } from '../config/light';

/** An IAM role in the account, or an IAM Identity Center permission set. */
export type ModelUserIdentity =
  | {
      readonly kind: 'role';
      /** Literal trust policy JSON. */
      readonly trustPolicy: string;
      /** The provider of the account the role lives in. @default the stack's default provider */
      readonly provider?: TerraformProvider;
    }
  | {
      readonly kind: 'permissionSet';
      /** The IAM Identity Center instance. */
      readonly instanceArn: string;
      /** ISO 8601 session length. @default "PT1H" */
      readonly sessionDuration?: string;
      /** The provider of the Identity Center account (management or delegated administrator). @default the stack's default provider */
      readonly provider?: TerraformProvider;
    };

export interface ModelUserRoleProps {
  /** The role or permission set name. */
  readonly name: string;
  /** The generated allow policy, literal JSON. */
  readonly inlinePolicy: string;
  readonly identity: ModelUserIdentity;
  /** Shown in the console. @default "Uses approved AI models (modelgate)" */
  readonly description?: string;
}

// The report reads roles back by this name without loading cdktf, so it lives with the role names.
export { MODEL_USER_POLICY_NAME };

/**
 * Places a model user: an IAM role with the generated allow policy inline, or a permission set
 * with it as the permission set's inline policy. It makes no policy decisions.
 */
export class ModelUserRole extends Construct {
  readonly role?: IamRole;
  readonly permissionSet?: SsoadminPermissionSet;

  constructor(scope: Construct, id: string, props: ModelUserRoleProps) {
    super(scope, id);
    const description = props.description ?? 'Uses approved AI models (modelgate)';
    const { identity } = props;
    const provider = identity.provider ? { provider: identity.provider } : {};
    if (identity.kind === 'role') {
      this.role = new IamRole(this, 'role', { ...provider, name: props.name, description, assumeRolePolicy: identity.trustPolicy });
      new IamRolePolicy(this, 'policy', { ...provider, role: this.role.name, name: MODEL_USER_POLICY_NAME, policy: props.inlinePolicy });
    } else {
      this.permissionSet = new SsoadminPermissionSet(this, 'permission-set', {
        ...provider,
        name: props.name,
        description,
        instanceArn: identity.instanceArn,
        sessionDuration: identity.sessionDuration ?? 'PT1H',
      });
      new SsoadminPermissionSetInlinePolicy(this, 'policy', {
        ...provider,
        instanceArn: identity.instanceArn,
        permissionSetArn: this.permissionSet.arn,
        inlinePolicy: props.inlinePolicy,
      });
    }
  }
}

import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { SagemakerDomain, type SagemakerDomainDefaultUserSettingsCanvasAppSettings } from '@cdktf/provider-aws/lib/sagemaker-domain';
import { SagemakerUserProfile } from '@cdktf/provider-aws/lib/sagemaker-user-profile';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { trustPolicy } from '../policy/light';
import { CANVAS_POLICY_NAME } from '../config/light';

/** A new SageMaker domain, or the id of one that exists. */
export type CanvasDomain =
  | { readonly existingId: string }
  | { readonly vpcId: string; readonly subnetIds: readonly string[]; readonly authMode: 'IAM' | 'SSO' };

export interface CanvasWorkspaceProps {
  /** The workspace name: the domain name of a new domain. */
  readonly name: string;
  /** The AWS partition, for the managed policy ARNs. */
  readonly partition: string;
  /** The account that holds the workspace (the Bedrock role trusts Bedrock only on its behalf). */
  readonly accountId: string;
  /** A new domain, or the id of an existing one (then only roles and user profiles are created). */
  readonly domain: CanvasDomain;
  /** The name of the domain's default execution role. */
  readonly executionRoleName: string;
  /** The generated inline policy of every execution role, literal JSON. */
  readonly inlinePolicy: string;
  /** The Bedrock role for generative AI; generative AI is off without it. @default no Bedrock role */
  readonly bedrockRoleName?: string;
  /** Canvas users may deploy models to endpoints. @default false */
  readonly directDeploy?: boolean;
  /** Canvas users may register models in the model registry. @default false */
  readonly modelRegistration?: boolean;
  /** Amazon Kendra document querying. @default false */
  readonly documentQuerying?: boolean;
  /** Where Canvas keeps its artifacts. @default the SageMaker default bucket */
  readonly workspaceS3Path?: string;
  /** User profile name -> the name of its own execution role. @default {} */
  readonly userProfiles?: Readonly<Record<string, string>>;
  /** The provider of the account that holds the workspace. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

// The report reads roles back by this name without loading cdktf, so it lives with the role names.
export { CANVAS_POLICY_NAME };

/**
 * A SageMaker Canvas workspace: the execution role (trusting SageMaker, with the AWS managed
 * Canvas policies its features need and the generated inline policy), the Bedrock role for
 * generative AI, and either a new domain or user profiles on an existing one.
 */
export class CanvasWorkspace extends Construct {
  readonly executionRole: IamRole;
  readonly bedrockRole?: IamRole;
  readonly domain?: SagemakerDomain;
  readonly userProfiles: readonly SagemakerUserProfile[];

  constructor(scope: Construct, id: string, props: CanvasWorkspaceProps) {
    super(scope, id);
    const provider = props.provider ? { provider: props.provider } : {};
    const managed = (name: string): string => `arn:${props.partition}:iam::aws:policy/${name}`;
    if (props.bedrockRoleName) {
      this.bedrockRole = new IamRole(this, 'bedrock-role', {
        ...provider,
        name: props.bedrockRoleName,
        description: `Role SageMaker Canvas workspace ${props.name} passes to Amazon Bedrock (modelgate)`,
        assumeRolePolicy: trustPolicy({ partition: props.partition, services: ['bedrock.amazonaws.com'], sourceAccount: props.accountId }),
      });
      new IamRolePolicyAttachment(this, 'bedrock-role-canvas-bedrock-access', {
        ...provider,
        role: this.bedrockRole.name,
        policyArn: managed('AmazonSageMakerCanvasBedrockAccess'),
      });
    }
    const managedPolicies = [
      managed('AmazonSageMakerCanvasFullAccess'),
      managed('AmazonSageMakerCanvasAIServicesAccess'),
      ...(props.directDeploy ? [managed('service-role/AmazonSageMakerCanvasDirectDeployAccess')] : []),
    ];
    const executionRole = (logicalId: string, roleName: string, description: string): IamRole => {
      const role = new IamRole(this, logicalId, {
        ...provider,
        name: roleName,
        description,
        assumeRolePolicy: trustPolicy({ partition: props.partition, services: ['sagemaker.amazonaws.com'] }),
      });
      for (const arn of managedPolicies) {
        new IamRolePolicyAttachment(this, `${logicalId}-${arn.split('/').pop() ?? arn}`, { ...provider, role: role.name, policyArn: arn });
      }
      new IamRolePolicy(this, `${logicalId}-policy`, { ...provider, role: role.name, name: CANVAS_POLICY_NAME, policy: props.inlinePolicy });
      return role;
    };
    this.executionRole = executionRole('execution-role', props.executionRoleName, `SageMaker Canvas execution role of workspace ${props.name} (modelgate)`);
    const appSettings = canvasAppSettings(props, this.bedrockRole);
    let domainId: string;
    if ('existingId' in props.domain) {
      domainId = props.domain.existingId;
    } else {
      this.domain = new SagemakerDomain(this, 'domain', {
        ...provider,
        domainName: props.name,
        authMode: props.domain.authMode,
        vpcId: props.domain.vpcId,
        subnetIds: [...props.domain.subnetIds],
        defaultUserSettings: { executionRole: this.executionRole.arn, canvasAppSettings: appSettings },
      });
      domainId = this.domain.id;
    }
    this.userProfiles = Object.entries(props.userProfiles ?? {}).map(([profile, roleName]) => {
      const role = executionRole(`profile-${profile}-role`, roleName, `SageMaker Canvas execution role of user ${profile} in workspace ${props.name} (modelgate)`);
      return new SagemakerUserProfile(this, `profile-${profile}`, {
        ...provider,
        domainId,
        userProfileName: profile,
        userSettings: { executionRole: role.arn, canvasAppSettings: appSettings },
      });
    });
  }
}

/** Each feature is written out ENABLED or DISABLED, so the domain never keeps a console change. */
function canvasAppSettings(props: CanvasWorkspaceProps, bedrockRole: IamRole | undefined): SagemakerDomainDefaultUserSettingsCanvasAppSettings {
  const status = (on: boolean | undefined): string => (on ? 'ENABLED' : 'DISABLED');
  return {
    directDeploySettings: { status: status(props.directDeploy) },
    modelRegisterSettings: { status: status(props.modelRegistration) },
    kendraSettings: { status: status(props.documentQuerying) },
    ...(bedrockRole ? { generativeAiSettings: { amazonBedrockRoleArn: bedrockRole.arn } } : {}),
    ...(props.workspaceS3Path ? { workspaceSettings: { s3ArtifactPath: props.workspaceS3Path } } : {}),
  };
}

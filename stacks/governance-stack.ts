import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Aspects, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { constrainAwsProvider } from '../modules/aws-provider';
import type { ResolvedGovernance } from '../modules/config';
import type { CompiledTarget } from '../modules/policy';
import { ServiceControlPolicies } from '../modules/scp';
import { configureBackend } from './backend';
import { LiteralText } from './literal-text';

export interface GovernanceStackProps {
  readonly governance: ResolvedGovernance;
  /** The target this stack governs and its compiled SCPs. */
  readonly compiled: CompiledTarget;
}

/**
 * What every modelgate stack has: its own state, an AWS provider for the management account
 * (where SCPs live), the SCPs of its target, and text that Terraform reads literally (LiteralText).
 */
export abstract class GovernanceStack extends TerraformStack {
  readonly managementProvider: AwsProvider;

  protected constructor(scope: Construct, props: GovernanceStackProps) {
    const { governance, compiled } = props;
    super(scope, compiled.target.stackName);
    Aspects.of(this).add(new LiteralText());
    configureBackend(this, compiled.target.stackName, governance.state);
    constrainAwsProvider(this, governance.deployment.awsProviderVersion);
    const { region, assumeRoleArn, defaultTags } = governance.deployment;
    this.managementProvider = new AwsProvider(this, 'management', {
      region,
      allowedAccountIds: [governance.managementAccount],
      ...(assumeRoleArn ? { assumeRole: [{ roleArn: assumeRoleArn, sessionName: 'modelgate' }] } : {}),
      ...(Object.keys(defaultTags).length > 0 ? { defaultTags: [{ tags: { ...defaultTags } }] } : {}),
    });
    if (compiled.policies.length > 0) {
      new ServiceControlPolicies(this, 'scp', { targetId: compiled.target.id, policies: compiled.policies });
    }
  }
}

import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
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
  /** Remembers the elements it escaped: a second toTerraform() must not escape them twice. */
  private readonly literalText = new LiteralText();

  protected constructor(scope: Construct, props: GovernanceStackProps) {
    const { governance, compiled } = props;
    super(scope, compiled.target.stackName);
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

  /**
   * The stack's configuration with its literal text escaped (LiteralText), applied to every
   * element here rather than as an aspect: cdktf's aspect walk computes the path of every
   * construct of every stack to remember where an aspect ran, which synth of a large organization
   * pays for thousands of stacks.
   */
  override toTerraform(): Record<string, unknown> {
    for (const construct of this.node.findAll()) this.literalText.visit(construct);
    return super.toTerraform() as Record<string, unknown>;
  }
}

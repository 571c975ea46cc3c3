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
 * Whether the runtime's preparing pass (TerraformStack.prepareStack after the backend) does nothing
 * but find references between stacks: cdktf's does; CDK Terrain's also records function and provider
 * feature use, in a pass of its own (`_runPreparingResolve`).
 */
const PREPARING_PASS_ONLY_LINKS_STACKS = !('_runPreparingResolve' in TerraformStack.prototype);

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
   * The backend, without cdktf's preparing pass where that pass only links stacks. cdktf 0.21
   * resolves every element of every stack once more before it writes them, only to find references
   * to other stacks and add the outputs and remote state they need; a governance stack never refers
   * to another (a hub account's stack depends on the root stack for order only, through
   * addDependency). Skipping it saved about 6% of the 1,000-account synth: part of its cost moves to
   * the first resolve that writes the stack. CDK Terrain's pass also records which Terraform
   * functions and provider features the stack uses, and runs there as it is. A test synthesizes
   * with and without the pass and finds the same bytes.
   */
  override prepareStack(): void {
    if (PREPARING_PASS_ONLY_LINKS_STACKS) this.ensureBackendExists();
    else super.prepareStack();
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

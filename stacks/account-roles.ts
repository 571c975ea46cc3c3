import { CanvasWorkspace } from '../modules/canvas';
import { ModelUserRole } from '../modules/model-users';
import type { ResolvedGovernance } from '../modules/config';
import { trustPolicy } from '../modules/policy/light';
import type { CompiledAccountRoles } from '../modules/policy';
import type { AccountScope } from './account-scope';

/**
 * Places an account's Canvas workspaces and model users through the stack's account provider
 * (the management provider when the account is the management account). Permission sets always
 * live with IAM Identity Center in the management account, so they use the management provider.
 */
export function placeAccountRoles(stack: AccountScope, governance: ResolvedGovernance, roles: CompiledAccountRoles): void {
  const { target } = roles;
  const inAccount = stack.accountProvider;
  for (const workspace of roles.canvas) {
    const { config } = workspace;
    new CanvasWorkspace(stack, `canvas-${workspace.name}`, {
      name: workspace.name,
      partition: governance.partition,
      accountId: target.id,
      domain: config.domain,
      executionRoleName: workspace.executionRoleName,
      inlinePolicy: workspace.inlinePolicy,
      ...(workspace.bedrockRoleName ? { bedrockRoleName: workspace.bedrockRoleName } : {}),
      directDeploy: config.directDeploy,
      modelRegistration: config.modelRegistration,
      documentQuerying: config.documentQuerying,
      ...(config.workspaceS3Path ? { workspaceS3Path: config.workspaceS3Path } : {}),
      userProfiles: workspace.profileRoleNames,
      provider: inAccount,
    });
  }
  const accountIds = new Map(governance.targets.filter((t) => t.kind === 'account').map((t) => [t.layer, t.id]));
  for (const user of roles.modelUsers) {
    const { role, permissionSet } = user.config;
    new ModelUserRole(stack, `model-user-${user.name}`, {
      name: user.name,
      inlinePolicy: user.inlinePolicy,
      identity: permissionSet
        ? { kind: 'permissionSet', instanceArn: permissionSet.instanceArn, sessionDuration: permissionSet.sessionDuration, provider: stack.managementProvider }
        : {
            kind: 'role',
            trustPolicy: trustPolicy({
              partition: governance.partition,
              accounts: (role?.assumedBy.accounts ?? []).map((account) => accountIds.get(account) ?? account),
              services: role?.assumedBy.services ?? [],
            }),
            provider: inAccount,
          },
    });
  }
}

/* eslint-disable @typescript-eslint/no-require-imports -- loading on first use is the point of this file */
/**
 * The code that places account-layer resources (hubs, guardrails, Canvas workspaces, model users)
 * and monitoring, loaded on first use: it pulls in many provider classes (about 80 ms per run), and
 * an organization of SCPs only needs none of it. A constructor cannot await `import()`, hence
 * `require`, typed by the module it loads.
 */

/** stacks/account-resources: private hubs and guardrails. */
export function accountResources(): typeof import('./account-resources') {
  return require('./account-resources');
}

/** stacks/account-roles: Canvas workspaces and model users. */
export function accountRoles(): typeof import('./account-roles') {
  return require('./account-roles');
}

/** stacks/monitoring-placement: the organization's and the member accounts' monitoring. */
export function monitoringPlacement(): typeof import('./monitoring-placement') {
  return require('./monitoring-placement');
}

/** modules/monitoring: its stored CloudTrail Lake queries, written beside the stacks. */
export function monitoringModule(): typeof import('../modules/monitoring') {
  return require('../modules/monitoring');
}

/** stacks/organization-guardrail-policies: Bedrock organization policies and the guardrails they enforce. */
export function organizationGuardrailPolicies(): typeof import('./organization-guardrail-policies') {
  return require('./organization-guardrail-policies');
}

import { checkAcknowledgements } from './acknowledgements/checks';
import type { ConfigLocator } from './document/config-locator';
import type { ConfigProblem } from './document/problems';
import { checkExemptions } from './exemptions/checks';
import { checkGuardrails } from './guardrails/checks';
import { checkOrganizationGuardrailPolicies } from './guardrails/organization-enforcement';
import { checkHubDeployers, checkJumpstartHubs } from './hubs/checks';
import { checkAllowDenyOverlap } from './models/allow-deny-overlap';
import { checkModels } from './models/checks';
import { shippedModelCatalog, type ModelCatalog } from './models/model-catalog';
import { checkPathTraps } from './models/path-traps';
import { checkModelSelectors } from './models/selector-warnings';
import { checkAuditStores } from './monitoring/audit-store-warnings';
import { checkMonitoring } from './monitoring/checks';
import { checkOrganization } from './organization/checks';
import { checkAccountRoles } from './roles/checks';
import type { GovernanceConfig } from './schema';

/** Problems the schema cannot see: references between sections, duplicates, rules that lock out. */
export interface SemanticFindings {
  readonly errors: readonly ConfigProblem[];
  readonly warnings: readonly ConfigProblem[];
}

/**
 * Cross-checks a schema-valid config, section by section. Every problem is reported, not only the
 * first. Model selectors are checked against `catalog` (warnings only).
 */
export function checkSemantics(config: GovernanceConfig, at: ConfigLocator, catalog: ModelCatalog = shippedModelCatalog()): SemanticFindings {
  const errors: ConfigProblem[] = [...checkOrganization(config, at)];
  const warnings: ConfigProblem[] = [];
  const models = checkModels(config, at);
  errors.push(...models.errors);
  warnings.push(...models.warnings);
  const accountRoles = checkAccountRoles(config, at);
  errors.push(...accountRoles.errors);
  warnings.push(...accountRoles.warnings);
  errors.push(...checkMonitoring(config, at));
  warnings.push(...checkAuditStores(config, at));
  errors.push(...checkJumpstartHubs(config, at), ...checkGuardrails(config, at), ...checkOrganizationGuardrailPolicies(config, at));
  warnings.push(...checkHubDeployers(config, at));
  warnings.push(...checkPathTraps(config, at));
  const exemptions = checkExemptions(config, at);
  errors.push(...exemptions.errors);
  warnings.push(...exemptions.warnings);
  const acknowledgements = checkAcknowledgements(config, at);
  errors.push(...acknowledgements.errors);
  warnings.push(...acknowledgements.warnings, ...checkAllowDenyOverlap(config, at), ...checkModelSelectors(config, at, catalog));
  return { errors, warnings: warnings.sort((a, b) => a.line - b.line || a.column - b.column) };
}

import { DEFAULT_AWS_PROVIDER_VERSION } from '../deployment/aws-provider-version';
import { validGuardrailEntries } from '../guardrails/schema';
import { validHubEntries } from '../hubs/valid-parts';
import { layerRulesSchema } from '../models/schema';
import { validMonitoringParts } from '../monitoring/schema';
import { organizationSchema } from '../organization/schema';
import { validCanvasEntries } from '../roles/canvas-schema';
import { validModelUserEntries } from '../roles/model-users-schema';
import type { GovernanceConfig } from '../schema';

/**
 * The config with each invalid part emptied, when the organization itself is valid; else
 * undefined. Its cross-reference problems are reported beside the schema problems: all at once.
 */
export function validParts(data: unknown): GovernanceConfig | undefined {
  const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});
  const sections = record(data);
  const organization = organizationSchema.safeParse(sections.organization);
  if (!organization.success) return undefined;
  const models = Object.fromEntries(
    Object.entries(record(sections.models)).map(([layer, rules]) => {
      const parsed = layerRulesSchema.safeParse(rules);
      return [layer, parsed.success ? parsed.data : {}];
    }),
  );
  const monitoring = validMonitoringParts(sections.monitoring);
  return {
    organization: organization.data,
    breakGlass: [],
    exemptPrincipals: {},
    models,
    canvas: validCanvasEntries(sections.canvas),
    modelUsers: validModelUserEntries(sections.modelUsers),
    jumpstartHubs: validHubEntries(sections.jumpstartHubs),
    guardrails: validGuardrailEntries(sections.guardrails),
    state: { backend: 'local' },
    deployment: { region: 'us-east-1', defaultTags: {}, accountRoleName: 'OrganizationAccountAccessRole', awsProviderVersion: DEFAULT_AWS_PROVIDER_VERSION },
    ...(monitoring ? { monitoring } : {}),
  };
}

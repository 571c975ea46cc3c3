import { CONTENT_FILTERS, PII_ENTITY_TYPES, type FilterStrength, type GuardrailConfig } from './schema';
import type { ConfigPath } from '../document/problems';
import type { GovernanceConfig } from '../schema';

/** A Bedrock guardrail, with its settings in the API's terms and its account resolved. */
export interface ResolvedGuardrail {
  /** The guardrail name. */
  readonly name: string;
  /** The account name that holds the guardrail, and its id. */
  readonly account: string;
  readonly accountId: string;
  readonly description?: string;
  /** Content filters in a fixed category order; prompt attacks have output strength NONE. */
  readonly contentFilters: readonly { readonly type: string; readonly inputStrength: FilterStrength; readonly outputStrength: FilterStrength }[];
  readonly deniedTopics: NonNullable<GuardrailConfig['deniedTopics']>;
  /** PII entities in alphabetical order of type. */
  readonly piiEntities: readonly { readonly type: string; readonly action: 'BLOCK' | 'ANONYMIZE' }[];
  readonly blockedInputMessage?: string;
  readonly blockedOutputMessage?: string;
  /** The description of the published version. */
  readonly versionDescription: string;
  readonly configPath: ConfigPath;
}

/** Resolves `guardrails:`; assumes checkGuardrails found no errors (every guardrail has a version). */
export function resolveGuardrails(config: GovernanceConfig): ResolvedGuardrail[] {
  return Object.entries(config.guardrails).map(([name, guardrail]) => ({
    name,
    account: guardrail.account,
    accountId: config.organization.accounts[guardrail.account]?.id ?? '',
    ...(guardrail.description !== undefined ? { description: guardrail.description } : {}),
    contentFilters: contentFiltersOf(guardrail.contentFilters ?? {}),
    deniedTopics: guardrail.deniedTopics ?? [],
    piiEntities: PII_ENTITY_TYPES.flatMap((type) => {
      const action = guardrail.pii?.[type];
      return action === undefined ? [] : [{ type, action }];
    }),
    ...(guardrail.blockedMessages?.input !== undefined ? { blockedInputMessage: guardrail.blockedMessages.input } : {}),
    ...(guardrail.blockedMessages?.output !== undefined ? { blockedOutputMessage: guardrail.blockedMessages.output } : {}),
    versionDescription: guardrail.version?.description ?? '',
    configPath: ['guardrails', name],
  }));
}

function contentFiltersOf(filters: NonNullable<GuardrailConfig['contentFilters']>): ResolvedGuardrail['contentFilters'] {
  return (Object.keys(CONTENT_FILTERS) as (keyof typeof CONTENT_FILTERS)[]).flatMap((category) => {
    const type = CONTENT_FILTERS[category];
    if (category === 'promptAttack') {
      // Bedrock evaluates prompt attacks on prompts only and requires output strength NONE.
      return filters.promptAttack === undefined ? [] : [{ type, inputStrength: filters.promptAttack, outputStrength: 'NONE' as const }];
    }
    const setting = filters[category];
    if (setting === undefined) return [];
    return [typeof setting === 'string' ? { type, inputStrength: setting, outputStrength: setting } : { type, inputStrength: setting.input, outputStrength: setting.output }];
  });
}

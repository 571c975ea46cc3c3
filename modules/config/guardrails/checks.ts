import type { ConfigLocator } from '../document/config-locator';
import type { ConfigProblem } from '../document/problems';
import { listOf } from '../private/list-of';
import type { GovernanceConfig } from '../schema';
import type { FilterStrength } from './schema';

/**
 * Cross-checks `guardrails:`: the holding account exists, each guardrail publishes a version and
 * has at least one safeguard, and topic names are unique within a guardrail.
 */
export function checkGuardrails(config: GovernanceConfig, at: ConfigLocator): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const accounts = config.organization.accounts;
  for (const [name, guardrail] of Object.entries(config.guardrails)) {
    const base = ['guardrails', name];
    if (accounts[guardrail.account] === undefined) {
      problems.push(at.problem([...base, 'account'], `unknown account "${guardrail.account}"; expected an account name from organization.accounts${listOf(Object.keys(accounts))}`));
    }
    if (guardrail.version === undefined) {
      problems.push(
        at.problem(
          base,
          'guardrail without a version: add "version: { description: ... }" so a numbered version is published; applications and requireGuardrail pin a version, and the DRAFT changes with every edit',
          { atKey: true },
        ),
      );
    }
    const filtering = Object.values(guardrail.contentFilters ?? {}).some(filters);
    const topics = (guardrail.deniedTopics ?? []).length > 0;
    const pii = Object.values(guardrail.pii ?? {}).some((action) => action !== undefined);
    if (!filtering && !topics && !pii) {
      problems.push(
        at.problem(base, 'this guardrail blocks nothing: give it contentFilters (a strength above NONE), deniedTopics or pii entities', { atKey: true }),
      );
    }
    const topicNames = new Map<string, number>();
    (guardrail.deniedTopics ?? []).forEach((topic, index) => {
      const first = topicNames.get(topic.name);
      if (first !== undefined) problems.push(at.problem([...base, 'deniedTopics', index, 'name'], `topic "${topic.name}" is already defined at deniedTopics[${first}]; give each topic its own name`));
      else topicNames.set(topic.name, index);
    });
  }
  return problems;
}

/** Whether a content filter setting filters anything: a strength above NONE in either direction. */
function filters(setting: FilterStrength | { readonly input: FilterStrength; readonly output: FilterStrength } | undefined): boolean {
  if (setting === undefined) return false;
  return typeof setting === 'string' ? setting !== 'NONE' : setting.input !== 'NONE' || setting.output !== 'NONE';
}

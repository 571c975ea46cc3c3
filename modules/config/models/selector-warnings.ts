import type { ConfigLocator } from '../document/config-locator';
import type { ConfigPath, ConfigProblem } from '../document/problems';
import { globRegExp } from '../globs';
import type { GovernanceConfig } from '../schema';
import type { ModelCatalog } from './model-catalog';

/** Which list of known ids a selector is read against. */
type CatalogList = 'bedrock' | 'publicHub';

/** What a selector does, so that the warning says what a mistake costs. */
type SelectorUse = 'allow' | 'deny' | 'grant' | 'approve';

/** One model selector of the config, where it is written and what it does. */
interface Selector {
  readonly glob: string;
  readonly path: ConfigPath;
  readonly list: CatalogList;
  readonly use: SelectorUse;
}

/**
 * Warnings on model selectors that match no model the catalog knows: capital letters (model ids
 * are lower case and ARN matching is case-sensitive), a near miss of a known id ("did you mean"),
 * or, for the lists the catalog holds completely enough, no match at all. A selector that matches
 * nothing silently allows or denies nothing, which is why these are worth a warning; they are
 * warnings, not errors, because a model newer than the catalog is right and unknown.
 */
export function checkModelSelectors(config: GovernanceConfig, at: ConfigLocator, catalog: ModelCatalog): ConfigProblem[] {
  // The same glob is often written at many layers: what it matches is worked out once.
  const verdicts = new Map<string, Verdict>();
  const warnings: ConfigProblem[] = [];
  for (const selector of selectorsOf(config)) {
    const key = `${selector.list} ${selector.glob}`;
    let verdict = verdicts.get(key);
    if (!verdict) verdicts.set(key, (verdict = judge(selector.glob, catalog[selector.list])));
    if (verdict.kind === 'known' || (verdict.kind === 'unknown' && !catalog.checkUnmatched.includes(selector.list))) continue;
    const what = selector.list === 'bedrock' ? 'Bedrock model id' : 'SageMaker public hub model name';
    const effect = EFFECT[selector.use];
    const message =
      verdict.kind === 'capitals'
        ? `"${selector.glob}" has capital letters: ${what}s are lower case and ARN matching is case-sensitive, so it ${effect}; write "${verdict.suggestion}"`
        : verdict.kind === 'nearMiss'
          ? `"${selector.glob}" matches no known ${what}, so it ${effect}; did you mean "${verdict.suggestion}"?`
          : `"${selector.glob}" matches none of the ${catalog[selector.list].length} ${what}s in ${describeCatalog(catalog)}; unless it names a newer model, it ${effect}. ` +
            'To check against the models of your account, run "modelgate discover --models"';
    warnings.push(at.problem(selector.path, message));
  }
  return warnings;
}

type Verdict = { readonly kind: 'known' | 'unknown' } | { readonly kind: 'capitals' | 'nearMiss'; readonly suggestion: string };

/** What a glob is to the known ids: matching one, a case mistake, a near miss, or unknown. */
function judge(glob: string, ids: readonly string[]): Verdict {
  const matches = (pattern: string): boolean => {
    const regex = globRegExp(pattern);
    return ids.some((id) => regex.test(id));
  };
  if (matches(glob)) return { kind: 'known' };
  const lower = glob.toLowerCase();
  if (lower !== glob && matches(lower)) return { kind: 'capitals', suggestion: lower };
  const suggestion = nearMiss(lower, ids);
  return suggestion === undefined ? { kind: 'unknown' } : { kind: 'nearMiss', suggestion };
}

const EFFECT: Readonly<Record<SelectorUse, string>> = {
  allow: 'allows nothing (the models you meant stay denied at this layer)',
  deny: 'denies nothing',
  grant: 'grants nothing',
  approve: 'approves nothing',
};

function describeCatalog(catalog: ModelCatalog): string {
  return catalog.origin === 'snapshot' ? `the snapshot of ${catalog.date} shipped with modelgate` : `${catalog.file} (read on ${catalog.date})`;
}

function selectorsOf(config: GovernanceConfig): Selector[] {
  const selectors: Selector[] = [];
  const add = (globs: readonly string[] | 'all' | undefined, path: ConfigPath, list: CatalogList, use: SelectorUse): void => {
    if (Array.isArray(globs)) globs.forEach((glob, index) => selectors.push({ glob, path: [...path, index], list, use }));
  };
  for (const [layer, rules] of Object.entries(config.models)) {
    for (const [section, list] of [['bedrock', 'bedrock'], ['marketplace', 'publicHub']] as const) {
      add(rules[section]?.allow, ['models', layer, section, 'allow'], list, 'allow');
      add(rules[section]?.deny, ['models', layer, section, 'deny'], list, 'deny');
    }
  }
  for (const [name, user] of Object.entries(config.modelUsers)) add(user.models, ['modelUsers', name, 'models'], 'bedrock', 'grant');
  for (const [name, workspace] of Object.entries(config.canvas)) add(workspace.jumpstartModels, ['canvas', name, 'jumpstartModels'], 'publicHub', 'approve');
  for (const [name, hub] of Object.entries(config.jumpstartHubs)) {
    hub.models.forEach((model, index) => selectors.push({ glob: model.id, path: ['jumpstartHubs', name, 'models', index, 'id'], list: 'publicHub', use: 'approve' }));
  }
  return selectors;
}

/**
 * The glob with its literal part replaced by the closest known id's, when that id is within two
 * edits (a transposition counts as one) of what was written: "anthropic.cluade-3-5-sonnet*" ->
 * "anthropic.claude-3-5-sonnet*", "deepsek.*" -> "deepseek.*". Only the part before the first
 * wildcard is compared, with the id's prefixes of about the same length. Numbers must agree: they
 * are versions, and "meta.llama3-70b*" is no typo of "meta.llama2-70b*" but another model.
 */
function nearMiss(glob: string, ids: readonly string[]): string | undefined {
  const wildcard = glob.search(/[*?]/);
  const literal = wildcard < 0 ? glob : glob.slice(0, wildcard);
  if (literal.length < 4) return undefined;
  let best: { readonly distance: number; readonly stretch: number; readonly prefix: string } | undefined;
  for (const id of ids) {
    const lengths = wildcard < 0 ? [id.length] : [0, -1, 1, -2, 2].map((d) => literal.length + d).filter((n) => n > 0 && n <= id.length);
    for (const length of lengths) {
      const prefix = id.slice(0, length);
      if (numbersOf(prefix) !== numbersOf(literal)) continue;
      const distance = editDistance(literal, prefix, 2);
      const stretch = Math.abs(length - literal.length);
      const better = !best || distance < best.distance || (distance === best.distance && (stretch < best.stretch || (stretch === best.stretch && prefix < best.prefix)));
      if (distance > 0 && distance <= 2 && better) best = { distance, stretch, prefix };
    }
  }
  return best ? `${best.prefix}${wildcard < 0 ? '' : glob.slice(wildcard)}` : undefined;
}

function numbersOf(text: string): string {
  return (text.match(/\d+/g) ?? []).join(',');
}

/** Optimal string alignment distance of a and b, or limit + 1 once it is certain to exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (before[j - 2] ?? 0) + 1);
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

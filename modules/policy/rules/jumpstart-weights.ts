import { KNOWN_MODELS, type LayerRules } from '../../config';
import { globsOverlap } from '../glob-overlap';
import { jumpstartWeightArns, weightGlobReaches } from '../jumpstart-artifacts';
import { coverModelIds } from '../model-id-cover';
import { normalizeGlobs } from '../model-selector';
import type { RuleStatement } from '../statement';
import { deny, type RuleContext } from './rule-context';

/**
 * A rule that denies the JumpStart weights of every known model but `kept`, to every principal
 * but `exempt` (and the break-glass principals).
 */
export interface WeightsDenial {
  /** Model-id globs whose weights stay readable, normalized (sorted, unique). */
  readonly kept: readonly string[];
  /** The rule's `except` principal patterns. */
  readonly exempt: readonly string[];
}

/** What the weight rules of a layer need besides the layer's own rules. */
export interface WeightContext {
  /** JumpStart model ids approved in private hubs that accounts at or below the layer use. */
  readonly hubModels: readonly string[];
  /**
   * The denials of the layers above, each with only the exemptions that can reach a principal
   * at or below this layer: a denial they already make is not repeated here.
   */
  readonly inherited: readonly WeightsDenial[];
  /**
   * Whether "every model but these" denials are made at this layer (`jumpstart.weights:
   * denyUnapproved`, the default) or only the weights of listed models (`denyListed`).
   */
  readonly denyUnapproved: boolean;
}

/** A weight denial of a layer's rules, with the rule it comes from. */
export interface NamedDenial extends WeightsDenial {
  /** The rule's config path below the layer, e.g. `jumpstart.publicHub`. */
  readonly source: string;
  /** The statement's Sid. */
  readonly sid: string;
}

/**
 * The same models, closed at their weights: a SageMaker model created without a hub-content tag
 * from JumpStart's own S3 objects escapes the tag rules, but its execution role reads the weights
 * inside the account, where SCPs apply. Marketplace globs are public hub model names, which are the
 * JumpStart model ids, so:
 * - `marketplace.deny: [globs]` denies the weights of those models;
 * - `marketplace.allow: [globs]` denies the weights of every known model it does not allow;
 * - `marketplace.deny: all` and `jumpstart.publicHub: block` deny the weights of every model;
 * and the last three keep the models of private hubs that reach the layer readable.
 */
export function jumpstartWeightStatements(rules: LayerRules, weights: WeightContext, context: RuleContext): RuleStatement[] {
  const statements: RuleStatement[] = [];
  const { marketplace } = rules;
  if (Array.isArray(marketplace?.deny)) {
    const globs = normalizeGlobs(marketplace.deny);
    statements.push(weightsDeny(context, 'marketplace.deny', 'DenyJumpStartWeightsOfDeniedModels', globs, marketplace.except ?? []));
  }
  if (!weights.denyUnapproved) return statements;
  const made: WeightsDenial[] = [...weights.inherited];
  // Strongest first (fewest kept models, fewest exemptions), so that a weaker one is the one left out.
  const strongestFirst = allButDenials(rules, weights.hubModels).sort(
    (a, b) => a.kept.length - b.kept.length || a.exempt.length - b.exempt.length || (a.sid < b.sid ? -1 : 1),
  );
  for (const denial of strongestFirst) {
    if (made.some((earlier) => impliesDenial(earlier, denial))) continue;
    made.push(denial);
    const globs = globsDenyingAllBut(denial.kept);
    if (globs.length > 0) statements.push(weightsDeny(context, denial.source, denial.sid, globs, denial.exempt));
  }
  return statements;
}

/**
 * The "every model but these" weight denials of a layer's rules.
 *
 * @param hubModels JumpStart model ids approved in private hubs that accounts at or below the layer use
 */
export function allButDenials(rules: LayerRules, hubModels: readonly string[]): NamedDenial[] {
  const { marketplace, jumpstart } = rules;
  const marketplaceExcept = [...(marketplace?.except ?? [])].sort();
  const denials: NamedDenial[] = [];
  const outsideHubs = normalizeGlobs(hubModels);
  if (marketplace?.deny === 'all') {
    denials.push({ source: 'marketplace.deny', sid: 'DenyJumpStartWeightsOfAllMarketplaceModels', kept: outsideHubs, exempt: marketplaceExcept });
  }
  if (jumpstart?.publicHub === 'block') {
    denials.push({ source: 'jumpstart.publicHub', sid: 'DenyJumpStartWeightsOfPublicHubModels', kept: outsideHubs, exempt: [...(jumpstart.except ?? [])].sort() });
  }
  if (marketplace?.allow && marketplace.allow.length > 0) {
    const kept = normalizeGlobs([...marketplace.allow, ...hubModels]);
    denials.push({ source: 'marketplace.allow', sid: 'DenyJumpStartWeightsNotAllowed', kept, exempt: marketplaceExcept });
  }
  return denials;
}

/**
 * Whether `earlier` denies every object `later` would deny, to every principal `later` would deny
 * it to. Keeping fewer models (a subset, as strings) gives the same or shorter prefixes on every
 * branch of the cover, so the object part holds; the principal part needs every exemption of
 * `earlier` to be one of `later`.
 */
export function impliesDenial(earlier: WeightsDenial, later: WeightsDenial): boolean {
  return earlier.kept.every((k) => later.kept.includes(k)) && earlier.exempt.every((p) => later.exempt.includes(p));
}

/** globsDenyingAllBut by its kept globs, normalized: the snapshot it walks does not change. */
const coverAllBut = new Map<string, readonly string[]>();

/** Model-id globs that deny every known open-weight JumpStart model except the kept ones. */
export function globsDenyingAllBut(kept: readonly string[]): readonly string[] {
  const keptGlobs = normalizeGlobs(kept);
  // Layers of an organization keep few distinct model sets; walking the snapshot is the costly part.
  const key = JSON.stringify(keptGlobs);
  let globs = coverAllBut.get(key);
  if (!globs) {
    const denied = KNOWN_MODELS.jumpstartOpenWeightModelIds.filter((id) => !keptGlobs.some((k) => globsOverlap(k, id)));
    globs = coverModelIds(denied, (glob) => keptGlobs.some((k) => weightGlobReaches(glob, k)));
    coverAllBut.set(key, globs);
  }
  return globs;
}

function weightsDeny(context: RuleContext, source: string, sid: string, globs: readonly string[], except: readonly string[]): RuleStatement {
  return deny(context, source, sid, { Action: ['s3:GetObject'], Resource: globs.flatMap((g) => jumpstartWeightArns(context.partition, g)) }, except);
}

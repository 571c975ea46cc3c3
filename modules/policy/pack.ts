import { createHash } from 'node:crypto';
import { renderDocument, renderStatement } from './render';
import type { PolicyStatement } from './statement';

/**
 * The SCP packer: merges statements that differ only in their actions (or only in their
 * resources), writes them as minified JSON, and bin-packs them into the fewest documents that fit
 * the character limit. Pure and deterministic: the same statements give the same documents.
 */

/** One SCP document, ready to be the literal `content` of an aws_organizations_policy. */
export interface PackedDocument {
  /** Minified JSON; `content.length` is what AWS measures. */
  readonly content: string;
  readonly statements: readonly PolicyStatement[];
  /** For each statement of the document, the input statements it was made of (merged, or split from one). */
  readonly origins: Origins;
}

/** Output statement -> the input statements it was made of (aws-cdk's merge-statements keeps the same map). */
export type Origins = ReadonlyMap<PolicyStatement, readonly PolicyStatement[]>;

/** Statements after merging, with where each came from. */
export interface MergeResult {
  readonly statements: PolicyStatement[];
  readonly origins: Origins;
}

export interface PackOptions {
  /** Characters allowed per SCP document. */
  readonly maxCharacters: number;
}

/** `{"Version":"2012-10-17","Statement":[` + `]}` */
const DOCUMENT_OVERHEAD = renderDocument([]).length;

/** A statement that cannot be split small enough to fit one document. */
export class StatementTooLargeError extends Error {
  constructor(
    readonly sid: string,
    readonly characters: number,
    readonly limit: number,
    /** The input statements it was made of: the rules to blame. */
    readonly members: readonly PolicyStatement[] = [],
  ) {
    super(`statement ${sid} takes ${characters} characters in a document of its own, more than the ${limit} an SCP can hold`);
    this.name = 'StatementTooLargeError';
  }
}

/** Packs statements into documents, each at most `maxCharacters` long. */
export function packStatements(statements: readonly PolicyStatement[], options: PackOptions): PackedDocument[] {
  return packMerged(mergeStatements(statements), options.maxCharacters);
}

/** The characters a set of statements needs at least, and so the fewest documents any packing can use. */
export function lowerBoundDocuments(statements: readonly PolicyStatement[], maxCharacters: number): number {
  return lowerBoundOfMerged(mergeStatements(statements), maxCharacters);
}

/** Packed documents, and the fewest documents any packing of the same statements could use. */
export interface PackResult {
  readonly documents: PackedDocument[];
  readonly lowerBound: number;
}

/** Packs statements and gives their lower bound, merging them once for both. */
export function packWithLowerBound(statements: readonly PolicyStatement[], options: PackOptions): PackResult {
  const merged = mergeStatements(statements);
  return { documents: packMerged(merged, options.maxCharacters), lowerBound: lowerBoundOfMerged(merged, options.maxCharacters) };
}

function packMerged({ statements: merged, origins }: MergeResult, maxCharacters: number): PackedDocument[] {
  const room = maxCharacters - DOCUMENT_OVERHEAD;
  const pieceOrigins = new Map<PolicyStatement, readonly PolicyStatement[]>();
  const pieces = merged.flatMap((s) => {
    const members = origins.get(s) ?? [s];
    const split = splitToFit(s, room, members);
    for (const piece of split) pieceOrigins.set(piece, members);
    return split;
  });
  return binPack(pieces, room).map((bin) => {
    const ordered = [...bin].sort(compareStatements);
    return { content: renderDocument(ordered), statements: ordered, origins: new Map(ordered.map((s) => [s, pieceOrigins.get(s) ?? [s]])) };
  });
}

function lowerBoundOfMerged({ statements: merged }: MergeResult, maxCharacters: number): number {
  if (merged.length === 0) return 0;
  const body = merged.reduce((sum, s) => sum + renderStatement(s).length, 0) + merged.length - 1;
  return Math.ceil((body + DOCUMENT_OVERHEAD) / maxCharacters);
}

/**
 * Merges statements with the same effect, resources and condition into one with the union of
 * their actions, then those with the same effect, actions and condition into one with the union of
 * their resources. Both are exact: IAM matches a statement when the action AND the resource match.
 * NotAction and NotResource lists are never merged: their union would change the meaning.
 * Returns the merged statements and, for each, the input statements it was made of.
 */
export function mergeStatements(statements: readonly PolicyStatement[]): MergeResult {
  const origins = new Map<PolicyStatement, readonly PolicyStatement[]>(statements.map((s) => [s, [s]]));
  const byActions = mergeOn(statements, 'Action', (s) => s.Action !== undefined && s.NotAction === undefined, origins);
  const merged = mergeOn(byActions, 'Resource', (s) => s.Resource !== undefined && s.NotResource === undefined, origins);
  return { statements: merged, origins: new Map(merged.map((s) => [s, origins.get(s) ?? [s]])) };
}

function mergeOn(
  statements: readonly PolicyStatement[],
  field: 'Action' | 'Resource',
  mergeable: (s: PolicyStatement) => boolean,
  origins: Map<PolicyStatement, readonly PolicyStatement[]>,
): PolicyStatement[] {
  const kept: PolicyStatement[] = [];
  const candidates: PolicyStatement[] = [];
  for (const statement of [...statements].sort(compareStatements)) {
    if (mergeable(statement)) candidates.push(statement);
    else kept.push(statement);
  }
  for (const group of groupedButFor(candidates, field)) {
    const [first, ...others] = group;
    if (!first) continue;
    if (others.length === 0) {
      kept.push(first);
      continue;
    }
    const union = [...new Set(group.flatMap((s) => s[field] ?? []))].sort();
    const members = group.flatMap((s) => origins.get(s) ?? [s]);
    const merged = { ...first, Sid: mergedSid(members.map((s) => s.Sid)), [field]: union };
    origins.set(merged, members);
    kept.push(merged);
  }
  return kept.sort(compareStatements);
}

/**
 * The statements grouped by everything but the Sid and `field`, each group in order and the groups
 * in the order of their first member. Rendering a statement to compare it is the costly part, so
 * only statements that agree in a summary (effect, list lengths, condition operators) are rendered:
 * statements that render alike always agree in it.
 */
function groupedButFor(statements: readonly PolicyStatement[], field: 'Action' | 'Resource'): PolicyStatement[][] {
  const summaries = statements.map((s) => summaryButFor(s, field));
  const counts = new Map<string, number>();
  for (const summary of summaries) counts.set(summary, (counts.get(summary) ?? 0) + 1);
  const groups = new Map<string, PolicyStatement[]>();
  statements.forEach((statement, index) => {
    // A statement alone with its summary is alone in its group; a rendered key never starts with '#'.
    const key = (counts.get(summaries[index] as string) ?? 0) > 1 ? renderStatement({ ...statement, Sid: '', [field]: [] }) : `#${index}`;
    const group = groups.get(key);
    if (group) group.push(statement);
    else groups.set(key, [statement]);
  });
  return [...groups.values()];
}

function summaryButFor(statement: PolicyStatement, field: 'Action' | 'Resource'): string {
  const lengths = (['Action', 'NotAction', 'Resource', 'NotResource'] as const).map((key) => (key === field ? '' : (statement[key]?.length ?? -1)));
  const operators = statement.Condition ? Object.keys(statement.Condition).length : -1;
  return `${statement.Effect} ${lengths.join(' ')} ${operators}`;
}

/** Characters of the hash that tells merged Sids apart. */
const SID_SUFFIX = 8;
/** At most this many characters of the first member's Sid are kept. */
const SID_PREFIX = 32;

/**
 * The Sid of a merged statement: the first of its members' Sids (in order) and a short hash of them
 * all, so it stays short (every character counts against the SCP limit) and is the same for the
 * same members. Which rules it holds is kept in the origins, not spelled out in the Sid.
 */
export function mergedSid(sids: readonly string[]): string {
  const unique = [...new Set(sids)].sort();
  const [first = ''] = unique;
  if (unique.length === 1) return first;
  const hash = createHash('sha256').update(unique.join(',')).digest('hex').slice(0, SID_SUFFIX).toUpperCase();
  return `${first.slice(0, SID_PREFIX)}${hash}`;
}

/**
 * Splits a statement that is too large for one document by its action list, then its resource
 * list: a Deny of A∪B on R is a Deny of A on R and a Deny of B on R. A NotResource or NotAction
 * list cannot be split without changing the meaning.
 */
function splitToFit(statement: PolicyStatement, room: number, members: readonly PolicyStatement[], originalSid = statement.Sid): PolicyStatement[] {
  if (renderStatement(statement).length <= room) return [statement];
  // Halve the longer list first: every piece repeats the other one in full.
  const size = (list: readonly string[] | undefined): number => (list && list.length > 1 ? JSON.stringify(list).length : 0);
  const fields = size(statement.Resource) > size(statement.Action) ? (['Resource', 'Action'] as const) : (['Action', 'Resource'] as const);
  for (const field of fields) {
    const list = statement[field];
    if (list && list.length > 1) {
      const half = Math.ceil(list.length / 2);
      return [
        ...splitToFit({ ...statement, Sid: `${statement.Sid}A`, [field]: list.slice(0, half) }, room, members, originalSid),
        ...splitToFit({ ...statement, Sid: `${statement.Sid}B`, [field]: list.slice(half) }, room, members, originalSid),
      ];
    }
  }
  throw new StatementTooLargeError(originalSid, renderStatement(statement).length + DOCUMENT_OVERHEAD, room + DOCUMENT_OVERHEAD, members);
}

/** First-fit decreasing; ties broken by content so the result does not depend on input order. */
function binPack(statements: readonly PolicyStatement[], room: number): PolicyStatement[][] {
  const sized = statements
    .map((statement) => ({ statement, text: renderStatement(statement) }))
    .sort((a, b) => b.text.length - a.text.length || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const bins: { used: number; statements: PolicyStatement[] }[] = [];
  for (const { statement, text } of sized) {
    // A statement after the first in a document also costs its separating comma.
    const bin = bins.find((b) => b.used + 1 + text.length <= room);
    if (bin) {
      bin.used += 1 + text.length;
      bin.statements.push(statement);
    } else {
      bins.push({ used: text.length, statements: [statement] });
    }
  }
  return bins.map((b) => b.statements);
}

function compareStatements(a: PolicyStatement, b: PolicyStatement): number {
  if (a.Sid !== b.Sid) return a.Sid < b.Sid ? -1 : 1;
  const ta = renderStatement(a);
  const tb = renderStatement(b);
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

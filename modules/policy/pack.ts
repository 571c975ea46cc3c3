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

function packMerged(merged: readonly PolicyStatement[], maxCharacters: number): PackedDocument[] {
  const room = maxCharacters - DOCUMENT_OVERHEAD;
  const pieces = merged.flatMap((s) => splitToFit(s, room));
  return binPack(pieces, room).map((bin) => {
    const ordered = [...bin].sort(compareStatements);
    return { content: renderDocument(ordered), statements: ordered };
  });
}

function lowerBoundOfMerged(merged: readonly PolicyStatement[], maxCharacters: number): number {
  if (merged.length === 0) return 0;
  const body = merged.reduce((sum, s) => sum + renderStatement(s).length, 0) + merged.length - 1;
  return Math.ceil((body + DOCUMENT_OVERHEAD) / maxCharacters);
}

/**
 * Merges statements with the same effect, resources and condition into one with the union of
 * their actions, then those with the same effect, actions and condition into one with the union of
 * their resources. Both are exact: IAM matches a statement when the action AND the resource match.
 * NotAction and NotResource lists are never merged: their union would change the meaning.
 */
export function mergeStatements(statements: readonly PolicyStatement[]): PolicyStatement[] {
  const byActions = mergeOn(statements, 'Action', (s) => s.Action !== undefined && s.NotAction === undefined);
  return mergeOn(byActions, 'Resource', (s) => s.Resource !== undefined && s.NotResource === undefined);
}

function mergeOn(statements: readonly PolicyStatement[], field: 'Action' | 'Resource', mergeable: (s: PolicyStatement) => boolean): PolicyStatement[] {
  const groups = new Map<string, PolicyStatement[]>();
  const kept: PolicyStatement[] = [];
  for (const statement of [...statements].sort(compareStatements)) {
    if (!mergeable(statement)) {
      kept.push(statement);
      continue;
    }
    // Everything but the Sid and the merged field must be identical.
    const key = renderStatement({ ...statement, Sid: '', [field]: [] });
    groups.set(key, [...(groups.get(key) ?? []), statement]);
  }
  for (const group of groups.values()) {
    const [first, ...others] = group;
    if (!first) continue;
    if (others.length === 0) {
      kept.push(first);
      continue;
    }
    const union = [...new Set(group.flatMap((s) => s[field] ?? []))].sort();
    kept.push({ ...first, Sid: joinSids(group.map((s) => s.Sid)), [field]: union });
  }
  return kept.sort(compareStatements);
}

function joinSids(sids: readonly string[]): string {
  return [...new Set(sids)].sort().join('');
}

/**
 * Splits a statement that is too large for one document by its action list, then its resource
 * list: a Deny of A∪B on R is a Deny of A on R and a Deny of B on R. A NotResource or NotAction
 * list cannot be split without changing the meaning.
 */
function splitToFit(statement: PolicyStatement, room: number, originalSid = statement.Sid): PolicyStatement[] {
  if (renderStatement(statement).length <= room) return [statement];
  // Halve the longer list first: every piece repeats the other one in full.
  const size = (list: readonly string[] | undefined): number => (list && list.length > 1 ? JSON.stringify(list).length : 0);
  const fields = size(statement.Resource) > size(statement.Action) ? (['Resource', 'Action'] as const) : (['Action', 'Resource'] as const);
  for (const field of fields) {
    const list = statement[field];
    if (list && list.length > 1) {
      const half = Math.ceil(list.length / 2);
      return [
        ...splitToFit({ ...statement, Sid: `${statement.Sid}A`, [field]: list.slice(0, half) }, room, originalSid),
        ...splitToFit({ ...statement, Sid: `${statement.Sid}B`, [field]: list.slice(half) }, room, originalSid),
      ];
    }
  }
  throw new StatementTooLargeError(originalSid, renderStatement(statement).length + DOCUMENT_OVERHEAD, room + DOCUMENT_OVERHEAD);
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

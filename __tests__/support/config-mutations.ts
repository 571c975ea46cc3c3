import { CORE_SCHEMA, load } from 'js-yaml';
import { isCollection, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { RESERVED_KEYS } from '../../modules/config/document/check-raw-document';

/**
 * Seeded mutations of a governance file, for the fuzzer: structural edits of the YAML document
 * (delete, rename, move, retype, alias, poison keys and text) and edits of its bytes (duplicate
 * a line, cut the file, break the UTF-8). Pure: the same seed and input give the same mutant.
 */

/** A deterministic pseudo-random source (mulberry32). */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.below(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

/** A mutated file: its bytes, what was done, and whether validation must refuse it. */
export interface Mutant {
  readonly bytes: Buffer;
  readonly mutations: readonly string[];
  /** It holds what no config may hold (see mustBeRefused): acceptance is a bug. */
  readonly mustFail: boolean;
}

/**
 * Characters validation must refuse wherever they are. (A lone surrogate cannot be written as
 * UTF-8: it would arrive as U+FFFD, a visible character; the hostile-input suite covers the
 * escape that makes one.)
 */
const UNSAFE = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u00ad', '\u061c', '\u200b', '\u200d', '\u200e', '\u2028', '\u202a', '\u202e', '\u2066', '\u2069', '\ufeff', '\u{e0041}'];

/** Values of every other type, and the extreme ones. */
const VALUES: readonly unknown[] = [
  0,
  -1,
  1.5,
  -0,
  Infinity,
  -Infinity,
  NaN,
  1e21,
  2 ** 53 + 1,
  true,
  false,
  null,
  '',
  '0',
  '022222222222',
  '1.8e308',
  'Anthropic.Claude*',
  'x'.repeat(100_000),
  [],
  {},
  [1, 2, 3],
  { a: 1 },
  Array.from({ length: 5000 }, (_, i) => i),
  [[[[[[[[[[['deep']]]]]]]]]]],
];

/** Words the schema takes somewhere, swapped for one another so that more mutants stay valid and reach the compiler. */
const WORDS: readonly string[] = ['allow', 'deny', 'block', 'all', 'shortTermOnly', 'none', 'replaced', 'attached', 'legacy', 'current', 'read', 'readAndUse', 'fullAccess', 'create', 'HIGH', 'NONE', 'BLOCK', 'ANONYMIZE', 'management', 'root', 'Sandbox', 'Workloads/Prod', 'prod-app'];

/** Byte sequences that are not UTF-8. */
const BAD_BYTES: readonly number[][] = [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0x80], [0xf4, 0x90, 0x80, 0x80], [0xe9]];

type Edit = (document: Document, random: Random) => { readonly name: string } | undefined;

/** Every node of the document with the pair or list that holds it. */
function places(document: Document): { readonly node: Node; readonly parent: YAMLMap | Node; readonly pair?: Pair }[] {
  const found: { node: Node; parent: YAMLMap | Node; pair?: Pair }[] = [];
  visit(document, {
    Pair(_, pair, path) {
      const parent = path[path.length - 1];
      if (isMap(parent) && isScalar(pair.key) && pair.value && (isScalar(pair.value) || isCollection(pair.value))) found.push({ node: pair.value as Node, parent, pair: pair as Pair });
    },
    Seq(_, seq) {
      for (const item of seq.items) if (isScalar(item) || isCollection(item)) found.push({ node: item, parent: seq });
    },
  });
  return found;
}

function maps(document: Document): YAMLMap[] {
  const found: YAMLMap[] = [];
  visit(document, { Map: (_, map) => void found.push(map) });
  return found;
}

const EDITS: Readonly<Record<string, Edit>> = {
  deleteKey(document, random) {
    const map = random.pick(maps(document));
    if (map.items.length === 0) return undefined;
    const pair = random.pick(map.items);
    map.items.splice(map.items.indexOf(pair), 1);
    return { name: `delete key ${String((pair.key as Scalar).value)}` };
  },
  renameKey(document, random) {
    const map = random.pick(maps(document));
    const pair = map.items.length > 0 ? random.pick(map.items) : undefined;
    if (!pair || !isScalar(pair.key) || typeof pair.key.value !== 'string' || pair.key.value.length < 2) return undefined;
    const key = pair.key.value;
    const at = random.below(key.length - 1);
    pair.key.value = `${key.slice(0, at)}${key[at + 1]}${key[at]}${key.slice(at + 2)}`;
    return { name: `rename key ${key}` };
  },
  retype(document, random) {
    const place = random.pick(places(document));
    const value = random.pick(VALUES);
    const node = document.createNode(value);
    if (place.pair) place.pair.value = node;
    else if (isSeq(place.parent)) place.parent.items[place.parent.items.indexOf(place.node)] = node;
    return { name: `retype to ${JSON.stringify(value)?.slice(0, 30)}` };
  },
  moveEntry(document, random) {
    const all = maps(document);
    const from = random.pick(all);
    const to = random.pick(all);
    const pair = from.items.length > 0 ? random.pick(from.items) : undefined;
    if (!pair || from === to || !isScalar(pair.key)) return undefined;
    from.items.splice(from.items.indexOf(pair), 1);
    to.items.push(pair);
    return { name: `move ${String(pair.key.value)}` };
  },
  reservedKey(document, random) {
    const map = random.pick(maps(document));
    const key = random.pick([...RESERVED_KEYS]);
    map.items.push(document.createPair(key, random.pick([{}, 'x', 1, [], { bedrock: { deny: ['deepseek.*'] } }])) as Pair);
    return { name: `add reserved key ${key}` };
  },
  aliasCycle(document, random) {
    const map = random.pick(maps(document).filter((m) => m !== document.contents));
    const alias = document.createAlias(map, `cycle${random.below(1000)}`);
    map.items.push(document.createPair('loop', alias) as Pair);
    return { name: 'alias a mapping inside itself' };
  },
  aliasElsewhere(document, random) {
    const all = places(document);
    const source = random.pick(all);
    const target = random.pick(all);
    if (!isCollection(source.node) || source === target || !target.pair) return undefined;
    target.pair.value = document.createAlias(source.node, `copy${random.below(1000)}`);
    return { name: 'alias a collection into another place' };
  },
  unsafeText(document, random) {
    const scalars = places(document).filter((p) => isScalar(p.node) && typeof (p.node as Scalar).value === 'string');
    if (scalars.length === 0) return undefined;
    const scalar = random.pick(scalars).node as Scalar<string>;
    const character = random.pick(UNSAFE);
    const at = random.below(scalar.value.length + 1);
    scalar.value = `${scalar.value.slice(0, at)}${character}${scalar.value.slice(at)}`;
    return { name: `insert U+${(character.codePointAt(0) ?? 0).toString(16)} into a value` };
  },
  unsafeKey(document, random) {
    const map = random.pick(maps(document));
    const pair = map.items.length > 0 ? random.pick(map.items) : undefined;
    if (!pair || !isScalar(pair.key) || typeof pair.key.value !== 'string') return undefined;
    const character = random.pick(UNSAFE);
    pair.key.value = `${pair.key.value}${character}`;
    return { name: `insert U+${(character.codePointAt(0) ?? 0).toString(16)} into a key` };
  },
  otherWord(document, random) {
    const words = places(document).filter((p) => isScalar(p.node) && WORDS.includes(String((p.node as Scalar).value)));
    if (words.length === 0) return undefined;
    const scalar = random.pick(words).node as Scalar;
    scalar.value = random.pick(WORDS);
    return { name: `set a word to ${String(scalar.value)}` };
  },
  copyLayerRules(document, random) {
    const models = document.get('models', true);
    if (!isMap(models) || models.items.length === 0) return undefined;
    const source = random.pick(models.items);
    const layer = random.pick(['root', 'Sandbox', 'Workloads', 'Workloads/Prod', 'sandbox-dev', 'prod-app', 'shared-services']);
    models.set(layer, document.createNode((source.value as Node).toJSON()));
    return { name: `copy the rules of ${String((source.key as Scalar).value)} to ${layer}` };
  },
  swapValues(document, random) {
    const scalars = places(document).filter((p) => isScalar(p.node));
    if (scalars.length < 2) return undefined;
    const a = random.pick(scalars).node as Scalar;
    const b = random.pick(scalars).node as Scalar;
    [a.value, b.value] = [b.value, a.value];
    return { name: 'swap two values' };
  },
};

/** Edits of the serialized text. */
const TEXT_EDITS: Readonly<Record<string, (bytes: Buffer, random: Random) => { readonly bytes: Buffer; readonly name: string }>> = {
  duplicateLine(bytes, random) {
    const lines = splitLines(bytes);
    const at = random.below(lines.length);
    lines.splice(at, 0, lines[at] ?? Buffer.alloc(0));
    return { bytes: joinLines(lines), name: `duplicate line ${at + 1}` };
  },
  truncate(bytes, random) {
    const at = random.below(bytes.length);
    return { bytes: bytes.subarray(0, at), name: `cut at byte ${at}` };
  },
  badBytes(bytes, random) {
    const at = random.below(bytes.length + 1);
    const bad = Buffer.from(random.pick(BAD_BYTES));
    return { bytes: Buffer.concat([bytes.subarray(0, at), bad, bytes.subarray(at)]), name: `insert bytes ${bad.toString('hex')} at ${at}` };
  },
};

/** One edit of `base` (more often) to three, chosen by `random`. */
export function mutate(base: string, random: Random): Mutant {
  let document = parseDocument(base);
  let text = base;
  const mutations: string[] = [];
  const roll = random.next();
  const count = roll < 0.6 ? 1 : roll < 0.9 ? 2 : 3;
  let bytes: Buffer | undefined;
  for (let i = 0; i < count; i++) {
    const kind = random.pick([...Object.keys(EDITS), ...Object.keys(TEXT_EDITS)]);
    const textEdit = TEXT_EDITS[kind];
    if (textEdit) {
      const edited = textEdit(bytes ?? Buffer.from(text), random);
      bytes = edited.bytes;
      mutations.push(edited.name);
      continue;
    }
    // Structural edits apply to the document; once its bytes were edited, they are the input.
    if (bytes) continue;
    const done = EDITS[kind]?.(document, random);
    if (!done) continue;
    try {
      text = document.toString({ lineWidth: 0 });
    } catch {
      // An alias placed before its anchor cannot be written: the edit is dropped.
      document = parseDocument(text);
      continue;
    }
    mutations.push(done.name);
  }
  const result = bytes ?? Buffer.from(text);
  return { bytes: result, mutations, mustFail: mustBeRefused(result) };
}

export function splitLines(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, start)) {
    lines.push(bytes.subarray(start, i));
    start = i + 1;
  }
  lines.push(bytes.subarray(start));
  return lines;
}

export function joinLines(lines: readonly Buffer[]): Buffer {
  return Buffer.concat(lines.flatMap((line, i) => (i === 0 ? [line] : [Buffer.from('\n'), line])));
}

/**
 * Whether `bytes` hold something no config may hold, judged on the final bytes (a later edit may
 * cut or delete what an earlier one broke), independently of the code under test: bytes that are
 * not UTF-8, one of the UNSAFE characters in the text or in a parsed value or key, a reserved key,
 * an alias inside its own anchor. A file js-yaml cannot parse is not counted here.
 */
export function mustBeRefused(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return true;
  }
  const unsafe = (value: string): boolean => UNSAFE.some((character) => value.includes(character));
  if (unsafe(text)) return true;
  let data: unknown;
  try {
    data = load(text, { schema: CORE_SCHEMA });
  } catch {
    return false;
  }
  const open = new Set<unknown>();
  const refused = (value: unknown): boolean => {
    if (typeof value === 'string') return unsafe(value);
    if (value === null || typeof value !== 'object') return false;
    if (open.has(value)) return true;
    open.add(value);
    const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
    const found = entries.some(([key, item]) => (!Array.isArray(value) && (RESERVED_KEYS.has(key) || unsafe(key))) || refused(item));
    open.delete(value);
    return found;
  };
  return refused(data);
}

import { stringify } from 'yaml';

/**
 * Synthetic organizations for the scale benchmark: a governance.yaml with rules at every layer,
 * the shape a platform team with hundreds or thousands of accounts writes. Pure and deterministic:
 * the same shape and seed give the same text, so runs on different machines compare.
 */

export interface OrganizationShape {
  /** Member accounts to declare. */
  readonly accounts: number;
  /** Organizational units, nested at most MAX_UNIT_DEPTH deep. @default defaultUnits(accounts) */
  readonly units?: number;
  /** Seed of the pseudo-random choices. @default DEFAULT_SEED */
  readonly seed?: number;
}

export const DEFAULT_SEED = 20260515;
export const MAX_UNIT_DEPTH = 5;
/** Share of accounts with rules of their own (and so a stack of their own). */
export const ACCOUNT_RULES_SHARE = 0.3;
/** Share of OUs whose allow-list names exact model versions rather than globs. */
const CURATED_UNIT_SHARE = 0.15;
/** Share of the OUs beyond the first chain that sit directly under the root. */
const TOP_LEVEL_SHARE = 0.15;

/** 50 OUs, as a large organization has; a small one has no more OUs than accounts. */
export function defaultUnits(accounts: number): number {
  return Math.min(50, accounts);
}

const TOP_LEVEL_NAMES = ['Workloads', 'Sandbox', 'Security', 'Infrastructure', 'Research', 'DataPlatform', 'Suspended', 'PolicyStaging'];
const NESTED_NAMES = ['Prod', 'NonProd', 'Dev', 'Staging', 'Payments', 'Search', 'Analytics', 'Mobile', 'Platform', 'Team'];
const ACCOUNT_WORDS = ['payments', 'search', 'analytics', 'ml', 'web', 'mobile', 'data', 'shared', 'audit', 'sandbox', 'chatbot', 'ingest'];

const BEDROCK_MODELS = [
  'amazon.nova-*',
  'amazon.titan-embed-text-v2*',
  'anthropic.claude-3-5-haiku*',
  'anthropic.claude-3-5-sonnet*',
  'anthropic.claude-3-7-sonnet*',
  'anthropic.claude-sonnet-4*',
  'cohere.embed-*',
  'meta.llama3-1-*',
  'meta.llama3-3-70b*',
  'mistral.mistral-large*',
];
/** Exact model ids, as teams that approve model versions one by one write them: long allow-lists. */
const BEDROCK_MODEL_IDS = [
  'amazon.nova-lite-v1:0',
  'amazon.nova-lite-v1:0:300k',
  'amazon.nova-micro-v1:0',
  'amazon.nova-micro-v1:0:128k',
  'amazon.nova-premier-v1:0',
  'amazon.nova-pro-v1:0',
  'amazon.nova-pro-v1:0:300k',
  'amazon.titan-embed-image-v1',
  'amazon.titan-embed-text-v1',
  'amazon.titan-embed-text-v2:0',
  'amazon.titan-image-generator-v2:0',
  'amazon.titan-text-express-v1',
  'amazon.titan-text-lite-v1',
  'anthropic.claude-3-5-haiku-20241022-v1:0',
  'anthropic.claude-3-5-sonnet-20240620-v1:0',
  'anthropic.claude-3-5-sonnet-20241022-v2:0',
  'anthropic.claude-3-7-sonnet-20250219-v1:0',
  'anthropic.claude-3-haiku-20240307-v1:0',
  'anthropic.claude-3-haiku-20240307-v1:0:200k',
  'anthropic.claude-3-haiku-20240307-v1:0:48k',
  'anthropic.claude-3-opus-20240229-v1:0',
  'anthropic.claude-3-sonnet-20240229-v1:0',
  'anthropic.claude-3-sonnet-20240229-v1:0:200k',
  'anthropic.claude-3-sonnet-20240229-v1:0:28k',
  'anthropic.claude-opus-4-1-20250805-v1:0',
  'anthropic.claude-opus-4-20250514-v1:0',
  'anthropic.claude-sonnet-4-20250514-v1:0',
  'cohere.command-r-plus-v1:0',
  'cohere.command-r-v1:0',
  'cohere.embed-english-v3',
  'cohere.embed-multilingual-v3',
  'meta.llama3-1-405b-instruct-v1:0',
  'meta.llama3-1-70b-instruct-v1:0',
  'meta.llama3-1-8b-instruct-v1:0',
  'meta.llama3-2-11b-instruct-v1:0',
  'meta.llama3-2-1b-instruct-v1:0',
  'meta.llama3-2-3b-instruct-v1:0',
  'meta.llama3-2-90b-instruct-v1:0',
  'meta.llama3-3-70b-instruct-v1:0',
  'meta.llama4-maverick-17b-instruct-v1:0',
  'meta.llama4-scout-17b-instruct-v1:0',
  'mistral.mistral-large-2402-v1:0',
  'mistral.mistral-large-2407-v1:0',
  'mistral.mistral-small-2402-v1:0',
  'mistral.pixtral-large-2502-v1:0',
  'stability.sd3-large-v1:0',
];
const BEDROCK_DENIED = ['deepseek.*', 'ai21.*', 'writer.*', 'meta.llama2-*', 'mistral.mixtral-*'];
const MARKETPLACE_MODELS = [
  'huggingface-llm-mistral-7b*',
  'huggingface-llm-falcon-*',
  'meta-textgeneration-llama-3-*',
  'cohere-rerank-*',
  'ai21-jurassic-*',
  'upstage-solar-*',
];
const MARKETPLACE_DENIED = ['deepseek*', 'huggingface-llm-qwen*', 'huggingface-textgeneration-bloom*'];
const ALSO_ALLOW = ['applicationInferenceProfiles', 'customModels', 'importedModels', 'promptRouters', 'marketplaceModels'];

type Yaml = Record<string, unknown>;

interface Unit {
  readonly name: string;
  readonly path: string;
  readonly depth: number;
  readonly children: Unit[];
  readonly id: string;
}

/** Returns the text of a governance.yaml for an organization of this shape. */
export function generateOrganization(shape: OrganizationShape): string {
  const accountCount = shape.accounts;
  const unitCount = shape.units ?? defaultUnits(accountCount);
  if (!Number.isInteger(accountCount) || accountCount < 1) throw new RangeError(`accounts must be a positive integer, not ${accountCount}`);
  if (!Number.isInteger(unitCount) || unitCount < 0) throw new RangeError(`units must be a non-negative integer, not ${unitCount}`);
  const random = seededRandom(shape.seed ?? DEFAULT_SEED);
  const ids = new UniqueIds();

  const rootSuffix = ids.next(() => random.alnum(4));
  const managementAccount = ids.next(() => random.digits(12));
  const platformAccount = ids.next(() => random.digits(12));
  const units = buildUnits(unitCount, random, () => ids.next(() => `ou-${rootSuffix}-${random.alnum(8)}`));
  const flatUnits = flatten(units);

  const accounts: Yaml = {};
  const models: Yaml = { root: rootRules(platformAccount) };
  for (const unit of flatUnits) models[unit.path] = unitRules(random, platformAccount);
  const withRules = new Set(random.sample(range(accountCount), Math.round(accountCount * ACCOUNT_RULES_SHARE)));
  for (let index = 0; index < accountCount; index++) {
    const name = `${random.pick(ACCOUNT_WORDS)}-${String(index + 1).padStart(4, '0')}`;
    const id = ids.next(() => random.digits(12));
    // A few accounts sit directly under the root, as in most real organizations.
    const unit = flatUnits.length > 0 && random.next() >= 0.05 ? random.pick(flatUnits).path : undefined;
    accounts[name] = unit === undefined ? { id } : { id, unit };
    if (withRules.has(index)) models[name] = accountRules(random, id);
  }

  const config: Yaml = {
    organization: {
      partition: 'aws',
      managementAccount,
      root: { id: `r-${rootSuffix}`, existingPolicies: ['p-controltower'] },
      fullAwsAccess: 'attached',
      scpLimits: 'current',
      units: unitsYaml(units),
      accounts,
    },
    breakGlass: ['arn:aws:iam::*:role/OrgBreakGlass', `arn:aws:iam::${managementAccount}:role/SecurityIncidentResponse`],
    models,
    state: { backend: 's3', bucket: 'acme-terraform-state', region: 'us-east-1', keyPrefix: 'modelgate' },
    deployment: { region: 'us-east-1', defaultTags: { ManagedBy: 'modelgate', CostCenter: 'platform' } },
  };
  const header =
    `# Synthetic organization for the modelgate scale benchmark: ${accountCount} accounts, ${unitCount} OUs, seed ${shape.seed ?? DEFAULT_SEED}.\n` +
    '# Generated by bench/generate-org.ts; regenerate rather than edit.\n';
  return header + stringify(config, { lineWidth: 0 });
}

/**
 * A chain of MAX_UNIT_DEPTH OUs first, so the deepest nesting is always present, then each further
 * OU under the root or under a random OU that is not yet at the deepest level.
 */
function buildUnits(count: number, random: Random, nextId: () => string): Unit[] {
  const top: Unit[] = [];
  const all: Unit[] = [];
  const add = (parent: Unit | undefined): Unit => {
    const siblings = parent ? parent.children : top;
    const depth = parent ? parent.depth + 1 : 1;
    const name = siblingName(depth === 1 ? TOP_LEVEL_NAMES : NESTED_NAMES, siblings, random);
    const unit: Unit = { name, path: parent ? `${parent.path}/${name}` : name, depth, children: [], id: nextId() };
    siblings.push(unit);
    all.push(unit);
    return unit;
  };
  let parent: Unit | undefined;
  for (let i = 0; i < Math.min(count, MAX_UNIT_DEPTH); i++) parent = add(parent);
  for (let i = all.length; i < count; i++) {
    const open = all.filter((u) => u.depth < MAX_UNIT_DEPTH);
    add(random.next() < TOP_LEVEL_SHARE ? undefined : random.pick(open));
  }
  return top;
}

/** Alphanumeric names only: stack names are derived from paths, and `-` `_` `.` would let two paths collide. */
function siblingName(pool: readonly string[], siblings: readonly Unit[], random: Random): string {
  const taken = new Set(siblings.map((s) => s.name));
  const base = random.pick(pool);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}

function flatten(units: readonly Unit[]): Unit[] {
  return units.flatMap((u) => [u, ...flatten(u.children)]);
}

function unitsYaml(units: readonly Unit[]): Yaml {
  const result: Yaml = {};
  for (const unit of units) {
    result[unit.name] = unit.children.length > 0 ? { id: unit.id, units: unitsYaml(unit.children) } : { id: unit.id };
  }
  return result;
}

/**
 * Organization-wide deny-lists, the JumpStart blocks and Custom Model Import (imported weights
 * escape the deny-lists), with the ML platform exempted. The public hub stays open: the OUs'
 * Marketplace allow-lists need its catalog.
 */
function rootRules(platformAccount: string): Yaml {
  const mlPlatform = `arn:aws:iam::${platformAccount}:role/MLPlatform`;
  return {
    bedrock: { deny: ['deepseek.*', 'ai21.*'], apiKeys: 'shortTermOnly' },
    marketplace: { deny: ['deepseek*'] },
    jumpstart: { gatedModels: 'block', registerWithBedrock: 'block', except: [mlPlatform] },
    customModelImport: { deny: true, except: [mlPlatform] },
  };
}

/** OU rules: mostly allow-lists, some deny-lists, and the capability switches with exemptions. */
function unitRules(random: Random, platformAccount: string): Yaml {
  const rules: Yaml = {};
  const bedrock: Yaml = {};
  const style = random.next();
  if (style < CURATED_UNIT_SHARE) {
    // Long enough that some of these OUs need a second SCP document.
    bedrock.allow = random.sample(BEDROCK_MODEL_IDS, 36 + random.int(BEDROCK_MODEL_IDS.length - 35));
  } else if (style < 0.7) {
    bedrock.allow = random.sample(BEDROCK_MODELS, 2 + random.int(5));
  } else {
    bedrock.deny = random.sample(BEDROCK_DENIED, 1 + random.int(3));
  }
  if (bedrock.allow !== undefined) {
    // Marketplace models stay invocable through Bedrock: the OUs' Marketplace allow-lists need it.
    const alsoAllow = random.sample(ALSO_ALLOW, random.int(3));
    bedrock.alsoAllow = alsoAllow.includes('marketplaceModels') ? alsoAllow : [...alsoAllow, 'marketplaceModels'];
  }
  const apiKeys = random.pick(['deny', 'shortTermOnly', undefined]);
  if (apiKeys) bedrock.apiKeys = apiKeys;
  if (random.next() < 0.4) bedrock.openAiCompatibleEndpoint = 'deny';
  rules.bedrock = bedrock;

  const marketplace = random.next();
  if (marketplace < 0.5) rules.marketplace = { allow: random.sample(MARKETPLACE_MODELS, 1 + random.int(3)) };
  else if (marketplace < 0.7) rules.marketplace = { deny: 'all', subscriptions: 'deny' };
  else if (marketplace < 0.8) rules.marketplace = { deny: random.sample(MARKETPLACE_DENIED, 1 + random.int(2)) };

  const mlPlatform = `arn:aws:iam::${platformAccount}:role/MLPlatform`;
  if (random.next() < 0.5) rules.customModelImport = random.next() < 0.5 ? { deny: true, except: [mlPlatform] } : { deny: true };
  if (random.next() < 0.4) rules.fineTuning = random.next() < 0.5 ? { deny: true, except: [mlPlatform, `arn:aws:iam::${platformAccount}:role/FineTuningPipeline`] } : { deny: true };
  return rules;
}

/** Account rules are small: a required guardrail, a short deny-list, or a capability switch. */
function accountRules(random: Random, accountId: string): Yaml {
  const kind = random.int(4);
  if (kind === 0 || kind === 1) {
    return { bedrock: { requireGuardrail: { guardrails: [`arn:aws:bedrock:us-east-1:${accountId}:guardrail/${random.alnum(12)}`] } } };
  }
  if (kind === 2) return { bedrock: { deny: random.sample(BEDROCK_MODELS, 1 + random.int(2)) }, marketplace: { deny: random.sample(MARKETPLACE_MODELS, 1) } };
  return { fineTuning: { deny: true }, customModelImport: { deny: true } };
}

/** Draws values with fn until one is new: ids must be unique across the organization. */
class UniqueIds {
  private readonly seen = new Set<string>();
  next(draw: () => string): string {
    for (;;) {
      const value = draw();
      if (!this.seen.has(value)) {
        this.seen.add(value);
        return value;
      }
    }
  }
}

interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  /** `count` distinct items, in the order of `items`. */
  sample<T>(items: readonly T[], count: number): T[];
  digits(length: number): string;
  alnum(length: number): string;
}

/** mulberry32: small, fast and fully determined by its 32-bit seed. */
function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const chars = (alphabet: string, length: number): string => Array.from({ length }, () => alphabet[int(alphabet.length)]).join('');
  return {
    next,
    int,
    pick: (items) => items[int(items.length)] as (typeof items)[number],
    sample: (items, count) => {
      const chosen = new Set<number>();
      while (chosen.size < Math.min(count, items.length)) chosen.add(int(items.length));
      return [...chosen].sort((a, b) => a - b).map((i) => items[i] as (typeof items)[number]);
    },
    digits: (length) => chars('123456789', 1) + chars('0123456789', length - 1),
    alnum: (length) => chars('abcdefghijklmnopqrstuvwxyz0123456789', length),
  };
}

function main(argv: readonly string[]): void {
  const usage = 'usage: node dist/bench/generate-org.js <accounts> [--units N] [--seed N] > governance.yaml';
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg.startsWith('--')) options[arg.slice(2)] = argv[++i] ?? '';
    else positional.push(arg);
  }
  const accounts = Number(positional[0]);
  if (positional.length !== 1 || !Number.isInteger(accounts) || accounts < 1 || Object.keys(options).some((k) => k !== 'units' && k !== 'seed')) {
    process.stderr.write(`${usage}\n`);
    process.exitCode = 2;
    return;
  }
  const shape: OrganizationShape = {
    accounts,
    ...(options.units !== undefined ? { units: Number(options.units) } : {}),
    ...(options.seed !== undefined ? { seed: Number(options.seed) } : {}),
  };
  process.stdout.write(generateOrganization(shape));
}

if (require.main === module) main(process.argv.slice(2));

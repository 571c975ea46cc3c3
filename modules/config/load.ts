import { DEFAULT_AWS_PROVIDER_VERSION } from './aws-provider-version';
import { CORE_SCHEMA, load, type YAMLException } from 'js-yaml';
import type { z } from 'zod';
import { validAccountRoleParts } from './account-roles-parts';
import { checkConfigText } from './check-config-text';
import { checkRawDocument } from './check-raw-document';
import { MAX_REPORTED_PROBLEMS } from './input-limits';
import { modelCatalogFor, shippedModelCatalog, type ModelCatalog } from './model-catalog';
import { validMonitoringParts } from './monitoring-schema';
import { ConfigError, ConfigLocator, type ConfigPath, type ConfigProblem } from './problems';
import { readConfigText } from './read-config-text';
import { resolveOrganization, type ResolvedGovernance } from './resolve';
import { allowedKeysAt } from './schema-keys';
import { validHubsAndGuardrails } from './account-resources-parts';
import { governanceSchema, layerRulesSchema, organizationSchema, type GovernanceConfig } from './schema';
import { checkSemantics } from './semantics';

/** The outcome of reading governance.yaml: the resolved model, and warnings that do not stop synth. */
export interface LoadedConfig {
  readonly governance: ResolvedGovernance;
  readonly warnings: readonly ConfigProblem[];
}

/**
 * Reads, validates and resolves a governance file, checking its model selectors against the
 * known-models.json beside it, or the shipped snapshot. Throws ConfigError with every problem found.
 */
export function loadConfigFile(file: string): LoadedConfig {
  const text = readConfigText(file);
  return parseConfig(text, file, modelCatalogFor(file));
}

/** Validates and resolves governance YAML text; `file` is only used to name locations in errors. */
export function parseConfig(text: string, file: string, catalog: ModelCatalog = shippedModelCatalog()): LoadedConfig {
  const locator = new ConfigLocator(file, text);
  const hidden = checkConfigText(text, file, locator);
  if (hidden.length > 0) throw new ConfigError(hidden);
  const data = parseYaml(text, file, locator);
  // Problems here make the data unsafe to describe or to walk again: they are reported alone.
  const unsafe = checkRawDocument(data, locator);
  if (unsafe.length > 0) throw new ConfigError(unsafe);
  const parsed = governanceSchema.safeParse(data);
  if (!parsed.success) {
    // Only the issues that can be printed are described; the others are counted.
    const { issues } = parsed.error;
    const problems = issues.slice(0, MAX_REPORTED_PROBLEMS).map((issue) => describeIssue(issue, data, locator));
    // Report cross-reference problems too, where the parts they need are valid: all errors at once.
    const partial = validParts(data);
    throw new ConfigError([...problems, ...(partial ? checkSemantics(partial, locator).errors : [])], issues.length - problems.length);
  }
  const { errors, warnings } = checkSemantics(parsed.data, locator, catalog);
  if (errors.length > 0) throw new ConfigError(errors);
  return { governance: resolveOrganization(parsed.data, locator), warnings };
}

/** YAML syntax errors reported at most. */
const MAX_SYNTAX_ERRORS = 20;

/**
 * Parses with js-yaml (YAML 1.2 core schema, several times faster than a position-keeping parse);
 * on a syntax error, the position-keeping parser names every error with its location.
 */
function parseYaml(text: string, file: string, locator: ConfigLocator): unknown {
  try {
    return load(text, { schema: CORE_SCHEMA, filename: file }) ?? {};
  } catch (error) {
    const { document, lines } = locator.document;
    if (document.errors.length > 0) {
      throw new ConfigError(
        // The first errors say what is wrong; after them a parser mostly reports its own confusion.
        document.errors.slice(0, MAX_SYNTAX_ERRORS).map((e) => {
          // An unclosed [ or { is noticed at the next token: point at the bracket instead.
          const at = /end with a [\]}]/.test(e.message) ? (unclosedBracketBefore(text, e.pos[0]) ?? e.pos[0]) : e.pos[0];
          const { line, col } = lines.linePos(at);
          return { file, line, column: col, path: '', message: `YAML syntax: ${firstLine(e.message)}` };
        }),
      );
    }
    const mark = (error as YAMLException).mark;
    const reason = (error as YAMLException).reason ?? (error as Error).message;
    const explained = reason === 'duplicated mapping key' ? 'duplicated mapping key: each key appears once in a mapping (map keys must be unique)' : reason;
    throw new ConfigError([{ file, line: (mark?.line ?? 0) + 1, column: (mark?.column ?? 0) + 1, path: '', message: `YAML syntax: ${explained}` }]);
  }
}

/** The offset of the last [ or { before `offset` that is not closed before it. */
function unclosedBracketBefore(text: string, offset: number): number | undefined {
  let depth = 0;
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ']' || c === '}') depth++;
    else if (c === '[' || c === '{') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}

/** The config with each invalid layer emptied, when the organization itself is valid; else undefined. */
function validParts(data: unknown): GovernanceConfig | undefined {
  const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});
  const organization = organizationSchema.safeParse(record(data).organization);
  if (!organization.success) return undefined;
  const models = Object.fromEntries(
    Object.entries(record(record(data).models)).map(([layer, rules]) => {
      const parsed = layerRulesSchema.safeParse(rules);
      return [layer, parsed.success ? parsed.data : {}];
    }),
  );
  const monitoring = validMonitoringParts(record(data).monitoring);
  return {
    organization: organization.data,
    breakGlass: [],
    exemptPrincipals: {},
    models,
    ...validAccountRoleParts(record(data)),
    ...validHubsAndGuardrails(record(data)),
    state: { backend: 'local' },
    deployment: { region: 'us-east-1', defaultTags: {}, accountRoleName: 'OrganizationAccountAccessRole', awsProviderVersion: DEFAULT_AWS_PROVIDER_VERSION },
    ...(monitoring ? { monitoring } : {}),
  };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** Turns a schema issue into "expected X; found Y", the sentence the user acts on. */
function describeIssue(issue: z.core.$ZodIssue, data: unknown, locator: ConfigLocator): ConfigProblem {
  const path = issue.path as ConfigPath;
  const found = valueAt(data, path);
  const at = (message: string): ConfigProblem => locator.problem(path, message);
  const expected = (what: string): ConfigProblem => at(found === undefined ? `missing; expected ${what}` : `expected ${what}; found ${show(found)}`);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const [key] = issue.keys;
      const allowed = allowedKeysAt(governanceSchema, path).map((k) => `"${k}"`).join(', ');
      const names = issue.keys.map((k) => `"${k}"`).join(', ');
      return locator.problem([...path, key ?? ''], `unknown key${issue.keys.length > 1 ? 's' : ''} ${names}; the keys allowed here are ${allowed}`, {
        atKey: true,
      });
    }
    case 'invalid_type':
      if (issue.expected === 'string' && typeof found === 'number') {
        const written = locator.sourceAt(path) ?? String(found);
        const what = /^\d+$/.test(written) ? 'a 12-digit account id' : 'text';
        return at(`expected ${what} in quotes; found the number ${written}: YAML reads unquoted digits as a number (and drops leading zeros), so write "${written}"`);
      }
      return expected(article(issue.expected));
    case 'invalid_value':
      return expected(`one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`);
    case 'invalid_key':
      return locator.problem(path, `invalid name "${String(path[path.length - 1])}"; expected ${issue.issues[0]?.message ?? 'another name'}`, { atKey: true });
    case 'too_small':
      return expected(isDefault(issue.message) ? `at least ${String(issue.minimum)}${issue.origin === 'array' ? ' item(s)' : ''}` : issue.message);
    case 'too_big':
      return expected(isDefault(issue.message) ? `at most ${String(issue.maximum)}${issue.origin === 'array' ? ' item(s)' : ''}` : issue.message);
    default:
      return expected(issue.message);
  }
}

/** zod's own wording ("Too small: expected ...") is replaced by ours; a schema's custom message is kept. */
function isDefault(message: string): boolean {
  return /^(Too (big|small)|Invalid)/.test(message);
}

function article(type: string): string {
  return type === 'array' ? 'a list' : type === 'object' ? 'a mapping' : `a ${type}`;
}

function valueAt(data: unknown, path: ConfigPath): unknown {
  let value: unknown = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

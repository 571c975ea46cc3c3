import { CORE_SCHEMA, load, type YAMLException } from 'js-yaml';
import { checkSemantics } from '../checks';
import { checkAwsProviderVersion } from '../deployment/checks';
import { modelCatalogFor, shippedModelCatalog, type ModelCatalog } from '../models/model-catalog';
import { resolveGovernance, type ResolvedGovernance } from '../resolve';
import { governanceSchema } from '../schema';
import { checkConfigText } from './check-config-text';
import { checkRawDocument } from './check-raw-document';
import { ConfigLocator } from './config-locator';
import { describeIssue } from './describe-issue';
import { MAX_REPORTED_PROBLEMS } from './input-limits';
import { ConfigError, type ConfigProblem } from './problems';
import { decodeConfigBytes, readConfigText } from './read-config-text';
import { validParts } from './valid-parts';

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

/**
 * Validates and resolves the bytes of a governance file read before (readConfigBytes), with the
 * model catalog beside it: what synth hashes into its record is then exactly what it compiled.
 */
export function loadConfigBytes(bytes: Uint8Array, file: string): LoadedConfig {
  return parseConfig(decodeConfigBytes(bytes, file), file, modelCatalogFor(file));
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
  const governance = resolveGovernance(parsed.data, locator);
  const pins = checkAwsProviderVersion(governance, locator);
  if (pins.length > 0) throw new ConfigError(pins);
  return { governance, warnings };
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

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

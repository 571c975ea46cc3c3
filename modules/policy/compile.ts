import { formatPath, type ConfigProblem, type ResolvedGovernance, type Target } from '../config';
import { checkAgainstCatalog } from './catalog';
import { statementsDenyingBreakGlass } from './guards';
import { layerWeightContext } from './layer-weight-context';
import { compileAccountRoles, type CompiledAccountRoles } from './roles/account-roles';
import { PolicyCompileError } from './policy-compile-error';
import { packWithLowerBound, StatementTooLargeError, type PackResult } from './pack';
import { monitoringProtection } from './monitoring-protection';
import { withExemptionProtection, type ProtectedStatements } from './protect-exemptions';
import { compileMonitoringPolicies, type MonitoringPolicies } from './resource-policies/compile-monitoring-policies';
import type { PolicyStatement, RuleProblem, RuleStatement } from './statement';
import { layerStatements } from './target-statements';

/** One SCP to create and attach. */
export interface CompiledPolicy {
  /** Stable name: modelgate-<stack>-<n>. */
  readonly name: string;
  readonly description: string;
  /** Literal minified JSON. */
  readonly content: string;
  readonly statements: readonly PolicyStatement[];
  /** For each statement, by Sid, the config rules behind it (a merged statement holds several). */
  readonly rules: ReadonlyMap<string, readonly string[]>;
}

/** How a target's SCP slots are used. */
export interface SlotUse {
  readonly limit: number;
  readonly fullAwsAccess: number;
  readonly existing: number;
  readonly modelgate: number;
}

/** A target and the SCPs modelgate attaches to it. */
export interface CompiledTarget {
  readonly target: Target;
  readonly policies: readonly CompiledPolicy[];
  /** Characters of all documents (what AWS counts). */
  readonly characters: number;
  /** The fewest documents any packing could use: ceil(characters needed / limit). */
  readonly lowerBound: number;
  readonly slots: SlotUse;
}

/** The whole organization, compiled. */
export interface CompiledGovernance {
  readonly governance: ResolvedGovernance;
  readonly targets: readonly CompiledTarget[];
  /** Canvas and model-user roles with their generated policies, by account name. */
  readonly accountRoles: ReadonlyMap<string, CompiledAccountRoles>;
  /** The key, topic, bus, bucket and role policies of monitoring, rendered, by where they go. */
  readonly monitoringPolicies: MonitoringPolicies;
}

/** How compileGovernance tells its caller how far it is. */
export interface CompileOptions {
  /** Told, before each target and once at the end, how many of the targets are compiled. @default nothing is told */
  readonly onTarget?: (done: number, total: number) => void;
}

/**
 * Compiles every target's rules into packed SCP documents: rules -> statements -> lock-out guard
 * -> IAM catalog check -> merge, minify and pack within the size limit and the free slots. The
 * account roles' policies and the monitoring policies are generated and catalog-checked in the same
 * run, so synth and `modelgate validate` report the same problems, all at once.
 */
export async function compileGovernance(governance: ResolvedGovernance, options: CompileOptions = {}): Promise<CompiledGovernance> {
  const problems: ConfigProblem[] = [];
  const targets: CompiledTarget[] = [];
  // Targets come root first, each OU before the OUs and accounts below it.
  const protectedAt = new Map<string, ReadonlySet<string>>();
  const packings: Packings = new Map();
  const layers: LayerStatements = new Map();
  for (const [index, target] of governance.targets.entries()) {
    options.onTarget?.(index, governance.targets.length);
    const parent = target.lineage.at(-2);
    const inherited = (parent !== undefined ? protectedAt.get(parent) : undefined) ?? new Set<string>();
    const { statements, protectedPatterns, key } = targetStatements(target, inherited, governance, layers);
    protectedAt.set(target.layer, protectedPatterns);
    // Statements packed before passed the same checks: the checks read only the statements.
    let packing = packings.get(key);
    if (!packing) {
      const checked = await checkAndPack(target, statements, governance);
      if (Array.isArray(checked)) {
        problems.push(...checked.map((p) => governance.problemAt(target.rulesPath, p)));
        continue;
      }
      packing = checked;
      packings.set(key, packing);
    }
    const compiled = compiledTarget(target, packing, statements, governance);
    if ('message' in compiled) problems.push(governance.problemAt(target.rulesPath, compiled));
    else targets.push(compiled);
  }
  options.onTarget?.(governance.targets.length, governance.targets.length);
  const accountRoles = await compileAccountRoles(governance);
  problems.push(...accountRoles.problems);
  const monitoring = await compileMonitoringPolicies(governance);
  problems.push(...monitoring.problems.map((p) => governance.problemAt(['monitoring'], p)));
  if (problems.length > 0) throw new PolicyCompileError(problems);
  return { governance, targets, accountRoles: accountRoles.roles, monitoringPolicies: monitoring.policies };
}

/**
 * Targets' statements by what makes them, besides where their rules are written: the rules, what
 * the weight rules need from the rest of the organization, and the patterns protected above. In a
 * large organization many targets share them; only the config paths of their rules differ.
 */
type LayerStatements = Map<string, { readonly layerPath: string; readonly statements: TargetStatements }>;

/** A target's statements with their protection, the patterns protected at or above it, and the key of their packing. */
interface TargetStatements extends ProtectedStatements {
  /**
   * Equal for targets whose statements are equal: what makes a layer's statements (its layer key),
   * or, for a target without rules of its own, the statements as JSON (few and small). Two layers
   * that happen to compile to the same statements are packed twice: packing is cheaper than
   * writing every layer's statements as JSON to find out.
   */
  readonly key: string;
}

function targetStatements(target: Target, inherited: ReadonlySet<string>, governance: ResolvedGovernance, layers: LayerStatements): TargetStatements {
  // The root's SCPs reach every member account that holds monitoring's resources.
  const monitoring = target.kind === 'root' ? monitoringProtection(governance) : [];
  // SCPs never apply to the management account: its rules are reported as a warning, not attached.
  if (!target.rules || target.id === governance.managementAccount) return keyed(withExemptionProtection(monitoring, inherited, governance));
  const weights = layerWeightContext(target, governance);
  const layerPath = formatPath(target.rulesPath);
  const layerKey = JSON.stringify([target.rules, weights, [...inherited], target.kind === 'root']);
  const known = layers.get(layerKey);
  if (known) {
    // The same statements; the rules behind them are this layer's own (protection sources such as breakGlass are no layer's).
    const statements = known.statements.statements.map(({ statement, source }) => ({
      statement,
      source: source.startsWith(`${known.layerPath}.`) ? `${layerPath}${source.slice(known.layerPath.length)}` : source,
    }));
    return { ...known.statements, statements };
  }
  const rules = layerStatements(target.rules, { partition: governance.partition, breakGlass: governance.breakGlass, rulesPath: target.rulesPath, weights });
  const statements = { ...withExemptionProtection([...rules, ...monitoring], inherited, governance), key: `layer ${layerKey}` };
  layers.set(layerKey, { layerPath, statements });
  return statements;
}

function keyed(protectedStatements: ProtectedStatements): TargetStatements {
  return { ...protectedStatements, key: `statements ${JSON.stringify(protectedStatements.statements.map((s) => s.statement))}` };
}

async function checkStatements(statements: readonly RuleStatement[], breakGlass: readonly string[]): Promise<RuleProblem[]> {
  const problems: RuleProblem[] = [];
  const unsafe = new Set(statementsDenyingBreakGlass(statements.map((s) => s.statement), breakGlass));
  for (const { statement, source } of statements) {
    if (unsafe.has(statement.Sid)) {
      problems.push({ path: source, message: `statement ${statement.Sid} would deny the break-glass principals ${breakGlass.join(', ')}; refusing to lock them out` });
    }
  }
  for (const problem of await checkAgainstCatalog(statements)) {
    problems.push({ path: problem.source, message: `statement ${problem.sid}: ${problem.message}` });
  }
  return problems;
}

/**
 * Packings by the key of the statements they were made of (TargetStatements.key): in a large
 * organization many targets compile to the same statements, and only the rules behind them (their
 * config paths) differ.
 */
type Packings = Map<string, Packing>;

/** The packed documents of a list of statements, and the statements they were packed from. */
interface Packing {
  readonly packed: PackResult;
  /** The input statements, in order: the packed documents' origins refer to these objects. */
  readonly inputs: readonly PolicyStatement[];
}

/** The statements checked and packed, or why they cannot be. */
async function checkAndPack(target: Target, statements: readonly RuleStatement[], governance: ResolvedGovernance): Promise<Packing | RuleProblem[]> {
  const problems = await checkStatements(statements, governance.breakGlass);
  if (problems.length > 0) return problems;
  const packing = packOrBlame(target, statements, governance);
  return 'message' in packing ? [packing] : packing;
}

function packOrBlame(target: Target, statements: readonly RuleStatement[], governance: ResolvedGovernance): Packing | RuleProblem {
  const inputs = statements.map((s) => s.statement);
  try {
    return { packed: packWithLowerBound(inputs, { maxCharacters: governance.limits.maxCharacters }), inputs };
  } catch (error) {
    if (!(error instanceof StatementTooLargeError)) throw error;
    // The statements the oversized one was made of name the rules behind it, and only those.
    const [rule, ...others] = rulesBehind(error.members, rulePositions(inputs, statements));
    return {
      path: rule ?? formatPath(target.rulesPath),
      message:
        `${error.message} (${describe(target)}${others.length > 0 ? `; with ${others.join(', ')}` : ''}); ` +
        'list fewer models (a wider glob such as "anthropic.claude-3-5-*" replaces several ids) or raise scpLimits',
    };
  }
}

/**
 * A target's SCPs from a packing of statements equal to its own, one by one: the rules behind
 * each document statement are this target's rules at the same positions.
 */
function compiledTarget(target: Target, { packed, inputs }: Packing, statements: readonly RuleStatement[], governance: ResolvedGovernance): CompiledTarget | RuleProblem {
  const { maxCharacters, maxPoliciesPerTarget } = governance.limits;
  const fullAwsAccess = governance.fullAwsAccessAttached ? 1 : 0;
  const existing = target.existingPolicies.length;
  const free = maxPoliciesPerTarget - fullAwsAccess - existing;
  const { documents, lowerBound } = packed;
  const characters = documents.reduce((sum, d) => sum + d.content.length, 0);
  if (documents.length > 0 && documents.length > free) {
    const fit = Math.max(free, 0) * maxCharacters;
    return {
      path: formatPath(target.rulesPath),
      message:
      `${describe(target)} needs ${documents.length} SCPs (${characters.toLocaleString('en-US')} characters) but only ${Math.max(free, 0)} of its ${maxPoliciesPerTarget} slots ${free === 1 ? 'is' : 'are'} free ` +
      `(FullAWSAccess takes ${fullAwsAccess}, existing policies take ${existing}${existing ? `: ${target.existingPolicies.join(', ')}` : ''}); ` +
      `${free > 0 ? `${plural(free, 'SCP holds', 'SCPs hold')} at most ${fit.toLocaleString('en-US')} characters: remove about ${(characters - fit).toLocaleString('en-US')} characters of rules, ` : ''}` +
      `detach an existing policy, or move rules to a parent or child layer`,
    };
  }
  const positions = rulePositions(inputs, statements);
  const policies = documents.map((document, index) => ({
    name: `modelgate-${target.stackName}-${index + 1}`,
    description: `modelgate: AI model governance for ${target.kind === 'root' ? 'the organization root' : `${target.kind === 'unit' ? 'OU' : 'account'} ${target.layer}`} (${index + 1} of ${documents.length})`,
    content: document.content,
    statements: document.statements,
    rules: new Map(document.statements.map((s) => [s.Sid, rulesBehind(document.origins.get(s) ?? [s], positions)])),
  }));
  return {
    target,
    policies,
    characters,
    lowerBound,
    slots: { limit: maxPoliciesPerTarget, fullAwsAccess, existing, modelgate: policies.length },
  };
}

/** The config paths of the rules whose statements are among `members`, in rule order, each once. */
function rulesBehind(members: readonly PolicyStatement[], positions: RulePositions): string[] {
  // Positions in rule order: looking members up beats filtering every statement for each output statement.
  const found = members.flatMap((m) => positions.get(m) ?? []).sort((a, b) => a.index - b.index);
  return [...new Set(found.map((r) => r.source))];
}

/** Where each input statement stands among a target's statements, and the rule behind it. */
type RulePositions = ReadonlyMap<PolicyStatement, readonly { readonly index: number; readonly source: string }[]>;

/** The positions of `inputs` (what was packed), each with the rule of the target's statement at the same position. */
function rulePositions(inputs: readonly PolicyStatement[], statements: readonly RuleStatement[]): RulePositions {
  const positions = new Map<PolicyStatement, { index: number; source: string }[]>();
  inputs.forEach((statement, index) => {
    const source = (statements[index] as RuleStatement).source;
    const list = positions.get(statement);
    if (list) list.push({ index, source });
    else positions.set(statement, [{ index, source }]);
  });
  return positions;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function describe(target: Target): string {
  if (target.kind === 'root') return `the root (${target.id})`;
  return `${target.kind === 'unit' ? 'OU' : 'account'} "${target.layer}" (${target.id})`;
}

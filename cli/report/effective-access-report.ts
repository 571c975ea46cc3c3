import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatPath, loadConfigFile, type ConfigProblem, type ResolvedGovernance } from '../../modules/config';
import { routesNoScpCloses, type OpenRoute } from '../../modules/policy';
import type { Progress } from '../../modules/progress';
import { MissingSynthOutputError, readSynthesizedPolicies, readSynthesizedRoles, type SynthesizedPolicies } from '../simulate';
import { accessColumns } from './access-columns';
import { accessChanges, type AccessChange } from './access-changes';
import { accessRows, evaluateMatrix, type AccessMatrix } from './access-matrix';
import { exemptionsOf, probeRole, type ExemptionSummary } from './exemptions';
import { generatedRoles } from './generated-roles';
import { modelGlobsIn } from './named-model-globs';
import { organizationDiagram } from './organization-diagram';
import { roleColumns } from './role-columns';
import { evaluateRoleMatrix, type RoleCell, type RoleMatrix } from './role-matrix';
import { managementAccountNote, narrowedAccess, type ManagementAccountNote, type NarrowedAccess } from './report-warnings';
import { scpBudgets, type ScpBudget } from './scp-budget';

/** What the report reads. */
export interface ReportOptions {
  /** The governance.yaml the output was synthesized from. */
  readonly configFile: string;
  /** The synthesized cdktf.out. */
  readonly outdir: string;
  /** Another synthesized cdktf.out (e.g. of the target branch): report only the cells that change. */
  readonly baseOutdir?: string;
  /** Told how far the evaluation is. @default no progress */
  readonly progress?: Progress;
}

/** What both kinds of report hold: where they come from, the matrices and the diagram. */
interface ReportBase {
  readonly configFile: string;
  readonly outdir: string;
  readonly governance: ResolvedGovernance;
  /** The access matrix of this output. */
  readonly matrix: AccessMatrix;
  /** The generated roles (Canvas execution roles, model users) evaluated with their own policies. */
  readonly roles: RoleMatrix;
  /** Mermaid flowchart source. */
  readonly diagram: string;
}

/** The full report: matrix, budget, warnings and diagram. */
export interface FullReport extends ReportBase {
  readonly mode: 'full';
  readonly budgets: readonly ScpBudget[];
  readonly exemptions: ExemptionSummary;
  readonly narrowed: readonly NarrowedAccess[];
  readonly managementAccount?: ManagementAccountNote;
  /** The config loader's warnings, as `file:line:column path: message`. */
  readonly configWarnings: readonly ConfigProblem[];
  /** Routes to models that no SCP closes, for this config, and what narrows each. */
  readonly openRoutes: readonly OpenRoute[];
}

export type { AccessChange } from './access-changes';

/** One role cell whose decision differs; a role only one output has shows as absent on the other side. */
export interface RoleChange {
  /** The role's ARN. */
  readonly role: string;
  /** The account layer of the role. */
  readonly layer: string;
  /** The role column's key and label. */
  readonly column: string;
  readonly label: string;
  readonly before?: RoleCell;
  readonly after?: RoleCell;
}

/**
 * Diff mode: the cells that change between a base cdktf.out and this one; `roles` are this
 * output's, and the diagram highlights the changed layers. `matrix` holds every row and column
 * but no cell (each row's `cells` entry is empty): diff mode evaluates only the cells a changed
 * level can change, and `changes` carries the before and after of each cell that does.
 */
export interface DiffReport extends ReportBase {
  readonly mode: 'diff';
  readonly baseOutdir: string;
  /** Indexes into this output's matrix rows and columns. */
  readonly changes: readonly AccessChange[];
  /** The role cells that change. */
  readonly roleChanges: readonly RoleChange[];
  /** Layers with at least one changed cell (roles count for their account), in row order. */
  readonly changedLayers: readonly string[];
}

export type EffectiveAccessReport = FullReport | DiffReport;

/**
 * Builds the effective-access report: every cell is a concrete request evaluated by the policy
 * simulator against the SCPs synthesized into cdktf.out, chained root -> OUs -> account.
 *
 * @throws ConfigError for a bad config, MissingSynthOutputError when cdktf.out is missing or older than the config
 */
export async function buildReport(options: ReportOptions): Promise<EffectiveAccessReport> {
  const { governance, warnings } = loadConfigFile(options.configFile);
  const policies = readSynthesizedPolicies(options.outdir);
  requireStacksFor(governance, options.outdir);
  const basePolicies = options.baseOutdir === undefined ? undefined : readBasePolicies(options.baseOutdir);
  const rows = accessRows(governance);
  // A model the base output names stays a column even when the change drops its rule.
  const columns = accessColumns(governance, basePolicies === undefined ? undefined : modelGlobsIn(basePolicies));
  const exemptions = exemptionsOf(governance, policies);
  const role = probeRole(
    [...exemptions.exemptions, ...(basePolicies === undefined ? [] : exemptionsOf(governance, basePolicies).exemptions)],
    governance.partition,
    rows.map((r) => r.account),
  );
  const columnsOfRoles = roleColumns(governance, columns);
  const roles = await evaluateRoleMatrix(governance, policies, generatedRoles(governance, readSynthesizedRoles(options.outdir)), columnsOfRoles);

  if (options.baseOutdir !== undefined && basePolicies !== undefined) {
    const changes = await accessChanges(governance, basePolicies, policies, rows, columns, role, options.progress);
    const baseRoles = await evaluateRoleMatrix(
      governance,
      basePolicies,
      generatedRoles(governance, readSynthesizedRoles(options.baseOutdir)),
      columnsOfRoles,
    );
    const roleChanges = changedRoleCells(baseRoles, roles);
    const changedSet = new Set([...changes.map((c) => rows[c.row]?.layer ?? ''), ...roleChanges.map((c) => c.layer)]);
    const changedLayers = governance.targets.map((t) => t.layer).filter((layer) => changedSet.has(layer));
    return {
      mode: 'diff',
      configFile: options.configFile,
      outdir: options.outdir,
      governance,
      matrix: { principalRole: role, rows, columns, cells: rows.map(() => []) },
      roles,
      baseOutdir: options.baseOutdir,
      changes,
      roleChanges,
      changedLayers,
      diagram: organizationDiagram(governance, policies, new Set(changedLayers)),
    };
  }
  const matrix = await evaluateMatrix(governance, policies, rows, columns, role, undefined, options.progress);
  const managementAccount = managementAccountNote(governance);
  return {
    mode: 'full',
    configFile: options.configFile,
    outdir: options.outdir,
    governance,
    matrix,
    roles,
    budgets: scpBudgets(governance, policies),
    exemptions,
    narrowed: narrowedAccess(matrix),
    ...(managementAccount ? { managementAccount } : {}),
    // The management account note says what the loader's warning about its rules says, and more.
    configWarnings: warnings.filter((w) => managementAccount === undefined || w.path !== formatPath(['models', managementAccount.layer])),
    diagram: organizationDiagram(governance, policies),
    openRoutes: routesNoScpCloses(governance),
  };
}

/** Each layer the config gives rules must have its stack, or cdktf.out predates the config. */
function requireStacksFor(governance: ResolvedGovernance, outdir: string): void {
  const missing = governance.targets.filter(
    (t) => t.rules !== undefined && t.id !== governance.managementAccount && !existsSync(join(outdir, 'stacks', t.stackName)),
  );
  if (missing.length > 0) {
    const list = missing.map((t) => `${t.stackName} (layer "${t.layer}")`).join(', ');
    throw new MissingSynthOutputError(`${outdir} has no stack ${list}: it is older than the config; run npm run synth first`);
  }
}

function readBasePolicies(baseOutdir: string): SynthesizedPolicies {
  if (!existsSync(baseOutdir)) throw new MissingSynthOutputError(`--base: ${baseOutdir} not found: pass the cdktf.out of the base revision`);
  return readSynthesizedPolicies(baseOutdir);
}

/**
 * The role cells whose decision differs, matched by role ARN and column key. A role that only
 * one output has is a change in every cell it has.
 */
function changedRoleCells(base: RoleMatrix, head: RoleMatrix): RoleChange[] {
  const cellsOf = (m: RoleMatrix): Map<string, { layer: string; cells: Map<string, RoleCell> }> =>
    new Map(
      m.rows.map((row, i) => [
        row.arn,
        {
          layer: row.layer,
          cells: new Map(m.columns.flatMap((column, c) => {
            const cell = m.cells[i]?.[c];
            return cell === undefined ? [] : [[column.key, cell] as const];
          })),
        },
      ]),
    );
  const before = cellsOf(base);
  const after = cellsOf(head);
  const labels = new Map([...base.columns, ...head.columns].map((c) => [c.key, c.label]));
  const arns = [...new Set([...after.keys(), ...before.keys()])];
  return arns.flatMap((arn) => {
    const b = before.get(arn);
    const a = after.get(arn);
    const keys = [...new Set([...(a?.cells.keys() ?? []), ...(b?.cells.keys() ?? [])])];
    return keys.flatMap((column): RoleChange[] => {
      const was = b?.cells.get(column);
      const is = a?.cells.get(column);
      if (was !== undefined && is !== undefined && was.decision === is.decision) return [];
      return [{
        role: arn,
        layer: a?.layer ?? b?.layer ?? '',
        column,
        label: labels.get(column) ?? column,
        ...(was === undefined ? {} : { before: was }),
        ...(is === undefined ? {} : { after: is }),
      }];
    });
  });
}

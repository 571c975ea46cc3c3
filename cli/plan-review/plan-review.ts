import { basename } from 'node:path';
import { loadConfigFile, type ResolvedGovernance } from '../../modules/config';
import { accessChanges, accessColumns, accessRows, exemptionsOf, modelGlobsIn, probeRole, type AccessChange, type AccessColumn, type AccessRow } from '../report';
import type { Decision } from '../simulate';
import { mergeSides, planFiles, readPlan, type PlanSide } from './read-plan';

/** One request whose decision the plan changes, for one layer. */
export interface AccessFlip {
  readonly layer: string;
  readonly request: string;
  readonly description: string;
  readonly before: Decision;
  readonly after: Decision;
  /** widened: Denied -> Allowed (access opens); narrowed: Allowed -> Denied (a possible outage). */
  readonly kind: 'widened' | 'narrowed';
}

/** What applying the plans would change in effective access, and in the SCPs and their attachments. */
export interface PlanReview {
  readonly configFile: string;
  readonly plans: readonly string[];
  readonly flips: readonly AccessFlip[];
  /** SCPs the plans would write over the per-policy character limit (AWS would refuse them). */
  readonly overLimit: readonly { readonly name: string; readonly stack: string; readonly characters: number; readonly limit: number }[];
  readonly attachmentsAdded: readonly string[];
  readonly attachmentsRemoved: readonly string[];
}

export interface PlanReviewOptions {
  /** The governance file, for the layers and the requests to evaluate. */
  readonly configFile: string;
  /** A `terraform show -json` plan file, or a folder of them (one per stack, named <stack>.json). */
  readonly plan: string;
}

/** What a plan review evaluates: the config's layers and requests, and both sides of the plans. */
export interface PlanReviewInputs {
  readonly governance: ResolvedGovernance;
  readonly files: readonly string[];
  readonly prior: PlanSide;
  readonly planned: PlanSide;
  readonly rows: readonly AccessRow[];
  readonly columns: readonly AccessColumn[];
  /** The role name of the requesting principal, exempted by neither side. */
  readonly role: string;
}

/** Reads the config and the plans into what a review evaluates. */
export function planReviewInputs(options: PlanReviewOptions): PlanReviewInputs {
  const { governance } = loadConfigFile(options.configFile);
  const files = planFiles(options.plan);
  const reads = files.map((file) => readPlan(file, basename(file, '.json')));
  const prior = mergeSides(reads.map((r) => r.prior));
  const planned = mergeSides(reads.map((r) => r.planned));
  const rows = accessRows(governance);
  // As with --base: the models the prior SCPs name are columns too, so that a rule the change
  // removes from the config still shows what it used to allow or deny.
  const columns = accessColumns(governance, modelGlobsIn(prior.policies));
  const exemptions = [...exemptionsOf(governance, prior.policies).exemptions, ...exemptionsOf(governance, planned.policies).exemptions];
  const role = probeRole(exemptions, governance.partition, rows.map((r) => r.account));
  return { governance, files, prior, planned, rows, columns, role };
}

/**
 * Evaluates the SCPs of the plans' prior state and of their planned values with the same
 * simulator and requests as the report, and lists the cells that flip, row by row and column by
 * column. As `report --base` does, only what changed is evaluated ({@link accessChanges}): the
 * levels whose SCPs the plans change, and whole chains only where such a level decides
 * differently. Stacks without a plan are in neither side: pass every stack's plan for the whole
 * organization.
 */
export async function buildPlanReview(options: PlanReviewOptions): Promise<PlanReview> {
  const { governance, files, prior, planned, rows, columns, role } = planReviewInputs(options);
  const changes = await accessChanges(governance, prior.policies, planned.policies, rows, columns, role);
  const limit = governance.limits.maxCharacters;
  return {
    configFile: options.configFile,
    plans: files,
    flips: changes.map((change) => flipOf(change, rows, columns)),
    overLimit: [...planned.documents.values()]
      .filter((d) => d.content.length > limit)
      .map((d) => ({ name: d.name, stack: d.stack, characters: d.content.length, limit })),
    attachmentsAdded: [...planned.attachments].filter((a) => !prior.attachments.has(a)).sort(),
    attachmentsRemoved: [...prior.attachments].filter((a) => !planned.attachments.has(a)).sort(),
  };
}

/** A changed cell as a flip: its row's layer, its column's request, and whether access opens or closes. */
function flipOf({ row, column, before, after }: AccessChange, rows: readonly AccessRow[], columns: readonly AccessColumn[]): AccessFlip {
  const header = columns[column] as AccessColumn;
  return {
    layer: (rows[row] as AccessRow).layer,
    request: header.label,
    description: header.description,
    before: before.decision,
    after: after.decision,
    kind: after.decision === 'Allowed' ? 'widened' : 'narrowed',
  };
}

/** Whether the review fails a pipeline under `--fail-on`: widened access only, or any change at all. */
export function failsOn(review: PlanReview, failOn: 'widened' | 'any' | undefined): boolean {
  if (failOn === 'widened') return review.flips.some((f) => f.kind === 'widened') || review.overLimit.length > 0;
  if (failOn === 'any') return review.flips.length > 0 || review.overLimit.length > 0 || review.attachmentsAdded.length + review.attachmentsRemoved.length > 0;
  return false;
}

/** The review as Markdown, for a pull-request comment or a run's log. */
export function planReviewMarkdown(review: PlanReview): string {
  const widened = review.flips.filter((f) => f.kind === 'widened');
  const narrowed = review.flips.filter((f) => f.kind === 'narrowed');
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  const table = (flips: readonly AccessFlip[]): string[] =>
    flips.length === 0 ? ['None.'] : ['| Layer | Request | Before | After |', '|---|---|---|---|', ...flips.map((f) => `| ${cell(f.layer)} | ${cell(f.description)} | ${f.before} | ${f.after} |`)];
  const list = (items: readonly string[]): string[] => (items.length === 0 ? ['None.'] : items.map((i) => `- \`${i}\``));
  return `${[
    '# modelgate: effective access in this plan',
    '',
    `${review.plans.length} plan${review.plans.length === 1 ? '' : 's'} (${review.plans.map((p) => `\`${basename(p)}\``).join(', ')}), evaluated against the layers and requests of \`${review.configFile}\`: the SCPs before (prior state) and after (planned values).`,
    '',
    `## Access widened (Denied -> Allowed): ${widened.length}`,
    '',
    ...table(widened),
    '',
    `## Possible outage (Allowed -> Denied): ${narrowed.length}`,
    '',
    ...table(narrowed),
    '',
    `## SCPs over the limit: ${review.overLimit.length}`,
    '',
    ...(review.overLimit.length === 0 ? ['None.'] : review.overLimit.map((o) => `- \`${o.name}\` (stack ${o.stack}): ${o.characters} characters, the limit is ${o.limit}`)),
    '',
    `## Attachments added: ${review.attachmentsAdded.length}`,
    '',
    ...list(review.attachmentsAdded),
    '',
    `## Attachments removed: ${review.attachmentsRemoved.length}`,
    '',
    ...list(review.attachmentsRemoved),
  ].join('\n')}\n`;
}

/** The review as JSON. */
export function planReviewJson(review: PlanReview): string {
  return `${JSON.stringify({ mode: 'plan', ...review, summary: { widened: review.flips.filter((f) => f.kind === 'widened').length, narrowed: review.flips.filter((f) => f.kind === 'narrowed').length } }, null, 2)}\n`;
}

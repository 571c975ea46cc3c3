import { failsOn, type AccessFlip, type PlanReview } from '../plan-review';

/** One outcome of a task result: a line in the run's task results, with a Markdown body. */
export interface TaskResultOutcome {
  readonly type: 'task-result-outcomes';
  readonly attributes: {
    readonly 'outcome-id': string;
    readonly description: string;
    readonly body: string;
    readonly tags: Readonly<Record<string, readonly { readonly label: string; readonly level: 'error' | 'info' }[]>>;
  };
}

// The callback body: JSON:API type task-results, status passed|failed|running, message, url, and
// outcomes as relationships (go-tfe run_task_integration.go, TaskResultCallbackRequestOptions).
/** The body of the PATCH to task_result_callback_url. */
export interface TaskResultBody {
  readonly data: {
    readonly type: 'task-results';
    readonly attributes: { readonly status: 'passed' | 'failed'; readonly message: string };
    readonly relationships?: { readonly outcomes: { readonly data: readonly TaskResultOutcome[] } };
  };
}

/** Outcomes beyond this many are summarized in the message: the run's page lists each one. */
export const MAX_OUTCOMES = 100;

/** The message is a one-line summary; longer text belongs in the outcomes' bodies. */
const MAX_MESSAGE = 500;

function short(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 3)}...`;
}

function flipOutcome(flip: AccessFlip): TaskResultOutcome {
  const widened = flip.kind === 'widened';
  return {
    type: 'task-result-outcomes',
    attributes: {
      'outcome-id': `${flip.layer}: ${flip.request}`,
      description: short(`${widened ? 'Access widened' : 'Possible outage'}: ${flip.layer}: ${flip.description}`, 200),
      body: [
        `**${widened ? 'Access widened (Denied -> Allowed)' : 'Possible outage (Allowed -> Denied)'}**`,
        '',
        '| Layer | Request | Before | After |',
        '|---|---|---|---|',
        `| ${flip.layer.replace(/\|/g, '\\|')} | ${flip.description.replace(/\|/g, '\\|')} | ${flip.before} | ${flip.after} |`,
      ].join('\n'),
      tags: { Severity: [widened ? { label: 'Widened', level: 'error' } : { label: 'Narrowed', level: 'info' }] },
    },
  };
}

function overLimitOutcome(scp: PlanReview['overLimit'][number]): TaskResultOutcome {
  return {
    type: 'task-result-outcomes',
    attributes: {
      'outcome-id': `over-limit: ${scp.name}`,
      description: `SCP ${scp.name} is over the size limit`,
      body: `\`${scp.name}\` (stack ${scp.stack}) has ${scp.characters} characters; AWS refuses an SCP over ${scp.limit}.`,
      tags: { Severity: [{ label: 'Over the limit', level: 'error' }] },
    },
  };
}

/** The summary line of a review: what changed, and whether --fail-on fails the run. */
export function reviewMessage(review: PlanReview, failed: boolean): string {
  const widened = review.flips.filter((f) => f.kind === 'widened').length;
  const narrowed = review.flips.length - widened;
  const attachments = review.attachmentsAdded.length + review.attachmentsRemoved.length;
  const shown = review.flips.length + review.overLimit.length > MAX_OUTCOMES ? `; the first ${MAX_OUTCOMES} changes are listed, run "modelgate report --plan" for all` : '';
  const changes = `${widened} cell${widened === 1 ? '' : 's'} widened, ${narrowed} narrowed, ${review.overLimit.length} SCP${review.overLimit.length === 1 ? '' : 's'} over the limit, ${attachments} attachment${attachments === 1 ? '' : 's'} added or removed`;
  return short(`modelgate: ${failed ? 'failed' : 'passed'}: ${changes}${shown}`, MAX_MESSAGE);
}

/** The task result of a plan review: failed when `--fail-on` fails it, one outcome per changed cell and per SCP over the limit. */
export function taskResultOfReview(review: PlanReview, failOn: 'widened' | 'any'): TaskResultBody {
  const failed = failsOn(review, failOn);
  const outcomes = [...review.flips.map(flipOutcome), ...review.overLimit.map(overLimitOutcome)].slice(0, MAX_OUTCOMES);
  return {
    data: {
      type: 'task-results',
      attributes: { status: failed ? 'failed' : 'passed', message: reviewMessage(review, failed) },
      ...(outcomes.length === 0 ? {} : { relationships: { outcomes: { data: outcomes } } }),
    },
  };
}

/** A failed task result for a review that could not run (plan not fetched, not a plan, timed out). */
export function taskResultOfError(message: string): TaskResultBody {
  return { data: { type: 'task-results', attributes: { status: 'failed', message: short(`modelgate: could not review the plan: ${message}`, MAX_MESSAGE) } } };
}

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { NO_PROGRESS, type Progress } from '../../modules/progress';
import { decide, type DecisionRequest, type ScpLevel } from '../simulate';

/** The simulator's verdict on one level; a chain allows a request only when every level allows it. */
export type LevelEvaluation = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/**
 * One request for the simulator and the distinct SCP levels to judge it against (AWS's
 * FullAWSAccess added to each). Each level's policies are named by position (`p0`, `p1`, ...) so
 * that equal levels ask the same question.
 */
export interface RequestJob {
  readonly request: DecisionRequest;
  readonly levels: readonly ScpLevel['policies'][];
}

/** What the simulator said about one level. */
export interface LevelVerdict {
  readonly evaluation: LevelEvaluation;
  /** The Deny statements that matched, by the position of their policy in the level. */
  readonly denies: readonly { readonly policy: number; readonly sid?: string }[];
}

/** Below this many level verdicts, starting worker threads (each loads the simulator) costs more than it saves. */
const WORKER_THRESHOLD = 4000;

/** The compiled worker; absent when the code runs from TypeScript sources (tests), which then stay on one thread. */
const WORKER_SCRIPT = join(__dirname, 'level-worker.js');

/**
 * Asks the simulator about one request against many levels at once, as if they were one chain,
 * and reads each level's own verdict from its analysis: the simulator evaluates every level of a
 * chain on its own (all statements of that level, nothing of the others) before it combines them,
 * so a level's verdict is the same whichever chain it stands in, and the work the simulator does
 * once per request (the action's resource types, the context keys) is done once for all levels.
 */
export async function decideRequest(job: RequestJob): Promise<LevelVerdict[]> {
  const result = await decide({
    scps: job.levels.map((policies, i) => ({ id: `level-${i}`, policies })),
    request: job.request,
    // A condition key the simulator drops would make the cell a guess.
    failOnIgnoredContextKeys: true,
  });
  const analyses = result.detail.analysis.scpAnalysis?.ouAnalysis ?? [];
  if (analyses.length !== job.levels.length) {
    throw new Error(`the simulator analysed ${analyses.length} SCP levels of ${job.levels.length} for ${job.request.action}`);
  }
  return analyses.map((analysis, i) => {
    const position = new Map((job.levels[i] ?? []).map((policy, p) => [policy.name, p]));
    return {
      evaluation: analysis.result,
      denies: analysis.denyStatements.map((statement) => {
        const policy = position.get(statement.policyId) as number;
        const sid = statement.statement.sid();
        return sid === undefined ? { policy } : { policy, sid };
      }),
    };
  });
}

/**
 * Answers every job, in order: on this thread, or, for many jobs when the compiled worker is
 * there, on this thread and one worker thread per other core. Progress counts the requests answered
 * (on this thread's share, scaled to all, when workers share them).
 */
export async function decideRequests(jobs: readonly RequestJob[], progress: Progress = NO_PROGRESS): Promise<LevelVerdict[][]> {
  const threads = Math.min(availableParallelism(), 4);
  if (jobs.reduce((sum, job) => sum + job.levels.length, 0) < WORKER_THRESHOLD || threads < 2 || !existsSync(WORKER_SCRIPT)) {
    return decideInOrder(jobs, (done) => progress.update(done, jobs.length));
  }
  // Interleaved shares: neighbouring jobs (columns of the same action) judge the same levels and cost about the same.
  const shares = Array.from({ length: threads }, (_, t) => jobs.filter((_, i) => i % threads === t));
  const [own, ...others] = shares;
  const onWorkers = others.map(decideOnWorker);
  const answers = await Promise.all([decideInOrder(own ?? [], (done) => progress.update(Math.min(done * threads, jobs.length), jobs.length)), ...onWorkers]);
  return jobs.map((_, i) => (answers[i % threads] as LevelVerdict[][])[Math.floor(i / threads)] as LevelVerdict[]);
}

/** Answers the jobs one after the other on this thread. */
export async function decideInOrder(jobs: readonly RequestJob[], answered: (done: number) => void = () => undefined): Promise<LevelVerdict[][]> {
  const verdicts: LevelVerdict[][] = [];
  for (const job of jobs) {
    verdicts.push(await decideRequest(job));
    answered(verdicts.length);
  }
  return verdicts;
}

function decideOnWorker(jobs: readonly RequestJob[]): Promise<LevelVerdict[][]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SCRIPT, { workerData: jobs });
    let answered = false;
    worker.once('message', (message: { verdicts?: LevelVerdict[][]; error?: string }) => {
      answered = true;
      if (message.verdicts !== undefined) resolve(message.verdicts);
      else reject(new Error(message.error));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the evaluation worker stopped (exit code ${code}) before answering`));
    });
  });
}

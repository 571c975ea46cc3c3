import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { StackManifest } from 'cdktf';
import { SYNTH_THREADS_VARIABLE, synthThreadCount } from './thread-count';

/** What a synth thread is started with. */
export interface SynthWorkerData {
  /** This thread's number (1, 2, ...; 0 is the main thread), for its messages. */
  readonly thread: number;
}

/** Sent to a synth thread once the config is compiled, the output checked and the staging folder made. */
export interface SynthRequest {
  /** The compiled governance, serialized (stacks/compiled-transfer.ts). */
  readonly compiled: Uint8Array;
  /** The staging folder, with cdktf's stacks/ folder in it already. */
  readonly outdir: string;
  /** The names of the stacks the thread must write (the main thread shares them out, stacks/synth-shares.ts). */
  readonly stacks: readonly string[];
}

/** What a synth thread answers. */
export type SynthWorkerReply =
  | { readonly kind: 'written'; readonly manifest: Readonly<Record<string, StackManifest>> }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * Starts the synth threads a config of `configBytes` bytes needs besides this one (synthThreadCount,
 * from MODELGATE_SYNTH_THREADS, the config's size and the cores), each running `script` (the
 * compiled stacks/synth-worker.js), which loads its code at once.
 *
 * @throws SynthThreadsError for a MODELGATE_SYNTH_THREADS that is not a number of threads
 */
export function startSynthWorkers(configBytes: number, script: string, env: NodeJS.ProcessEnv = process.env): SynthWorkers {
  const threads = synthThreadCount({ setting: env[SYNTH_THREADS_VARIABLE], configBytes, cores: availableParallelism() });
  return new SynthWorkers(threads, script);
}

/**
 * The synth threads besides the main one, started before the main thread loads the code that
 * synthesizes, so that their start-up overlaps its load and the compile of the config (see
 * thread-count.ts for why synth can share its stacks among threads). Each answers one request;
 * `stop` ends them all, whether they answered or not (on an error, or when the config turns out to
 * need no help).
 */
export class SynthWorkers {
  private readonly workers: readonly Worker[];
  private readonly replies: readonly Promise<SynthWorkerReply>[];

  /**
   * Starts `threads - 1` workers running `script` (none for one thread, or when `script` does not
   * exist: code run from its TypeScript sources has no compiled worker, and stays on one thread).
   */
  constructor(threads: number, script: string) {
    const count = threads > 1 && existsSync(script) ? threads : 1;
    this.workers = Array.from({ length: count - 1 }, (_, i) => {
      const workerData: SynthWorkerData = { thread: i + 1 };
      return new Worker(script, { workerData });
    });
    this.replies = this.workers.map((worker, i) => replyOf(worker, i + 1));
    // A failure is read when the reply is awaited; until then it must not count as unhandled.
    for (const reply of this.replies) reply.catch(() => undefined);
  }

  /** The number of threads sharing the stacks, this one included. */
  get threads(): number {
    return this.workers.length + 1;
  }

  /**
   * Sends each worker the compiled governance (serialized) and asks it to write its stacks
   * (`stacksOf[thread]`) into `outdir`; resolves to the manifest entries they wrote, once all have
   * written, and rejects with the first failure.
   */
  async write(compiled: Uint8Array, outdir: string, stacksOf: readonly (readonly string[])[]): Promise<Record<string, StackManifest>> {
    this.workers.forEach((worker, i) => {
      const request: SynthRequest = { compiled, outdir, stacks: stacksOf[i + 1] ?? [] };
      worker.postMessage(request);
    });
    const manifests = await Promise.all(this.replies);
    return Object.assign({}, ...manifests.map((reply) => (reply.kind === 'written' ? reply.manifest : {}))) as Record<string, StackManifest>;
  }

  /** Ends every worker. */
  async stop(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/** The one reply of a worker: its manifest entries, or a rejection with what went wrong. */
function replyOf(worker: Worker, thread: number): Promise<SynthWorkerReply> {
  return new Promise((resolve, reject) => {
    const failed = (message: string): void => reject(new Error(`synth thread ${thread} failed: ${message}`));
    worker.once('message', (reply: SynthWorkerReply) => (reply.kind === 'written' ? resolve(reply) : failed(reply.message)));
    worker.once('error', (error) => failed(error.message));
    worker.once('exit', (code) => failed(`it ended (exit code ${code}) before it wrote its stacks`));
  });
}

/**
 * How synth spreads its stacks over threads. cdktf writes stacks one at a time and most of a large
 * synth is cdktf turning constructs into JSON; stacks do not refer to one another (only a hub
 * account's stack depends on the root stack, for ordering), so each thread can place and write its
 * own share of the stacks into the same output folder. The main thread reads and compiles the
 * config once and sends the compiled governance to the other threads as serialized data (no
 * construct crosses threads); they load their code meanwhile, and answer with their entries of
 * cdktf's manifest. This file imports nothing, so that the threads can be started before the code
 * that synthesizes is loaded.
 */

/** The environment variable that sets the number of threads: a whole number, 1 for this thread only. */
export const SYNTH_THREADS_VARIABLE = 'MODELGATE_SYNTH_THREADS';

/** More threads than this only add start-up cost: each loads the code that places stacks itself. */
export const MAX_SYNTH_THREADS = 4;

/**
 * Config files from this size on are synthesized on more than one thread by default. Each thread
 * loads the code that places stacks, and a synth on one thread already keeps a second core partly
 * busy (V8 collects garbage and compiles beside it), so a second thread pays only from a mid-sized
 * organization on: measured on 2 cores (bench/generate-org.ts organizations), two threads took 17%
 * less wall time than one at 10,000 accounts (1.2 MB of YAML) and at 3,000 (390 KB), 10% less at
 * 2,000 (270 KB); at 1,000 (150 KB) 9% less in runs in turn but 16% more in a full bench run, the
 * same at 500 (90 KB) and 13% more at 300 (66 KB). docs/pipelines.md has the table.
 */
export const PARALLEL_CONFIG_BYTES = 256 * 1024;

/** MODELGATE_SYNTH_THREADS is not a number synth can use; nothing was written. */
export class SynthThreadsError extends Error {
  constructor(value: string) {
    super(`${SYNTH_THREADS_VARIABLE}=${value} is not a number of threads: set a whole number from 1 to ${MAX_SYNTH_THREADS}, or unset it to let synth choose`);
    this.name = 'SynthThreadsError';
  }
}

/** What decides the number of threads. */
export interface ThreadSetting {
  /** The value of MODELGATE_SYNTH_THREADS, if set. */
  readonly setting: string | undefined;
  /** Bytes of the config file. */
  readonly configBytes: number;
  /** Cores this process may use (os.availableParallelism()). */
  readonly cores: number;
}

/**
 * The number of threads synth uses: MODELGATE_SYNTH_THREADS when set (capped at the cores), else
 * one per core up to MAX_SYNTH_THREADS for a config of PARALLEL_CONFIG_BYTES or more, else one.
 *
 * @throws SynthThreadsError for a setting that is not a whole number from 1 to MAX_SYNTH_THREADS
 */
export function synthThreadCount({ setting, configBytes, cores }: ThreadSetting): number {
  if (setting !== undefined && setting.trim() !== '') {
    const threads = Number(setting.trim());
    if (!Number.isInteger(threads) || threads < 1 || threads > MAX_SYNTH_THREADS) throw new SynthThreadsError(setting);
    return Math.max(1, Math.min(threads, cores));
  }
  return configBytes >= PARALLEL_CONFIG_BYTES ? Math.max(1, Math.min(cores, MAX_SYNTH_THREADS)) : 1;
}

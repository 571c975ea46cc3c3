import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ConfigError, parseYamlAhead, type ConfigProblem, type YamlAhead } from '../config/light';
import { PolicyCompileError } from '../policy/light';
import { SYNTH_THREADS_VARIABLE, synthThreadCount } from './thread-count';

/** What the compile thread is started with. */
export interface CompileThreadData {
  /** The config's bytes, read once by the main thread (their hash goes into the synth record). */
  readonly configBytes: Uint8Array;
  /** The config file, to name in messages and to find the model catalog beside it. */
  readonly configFile: string;
}

/**
 * What the main thread sends the compile thread, once, right after starting it: the config's YAML,
 * parsed while the thread loads the schema, or undefined when it is not YAML (the thread then
 * parses it itself, and locates the problem).
 */
export interface CompileThreadRequest {
  readonly yaml: YamlAhead | undefined;
}

/** What the compile thread answers, once. */
export type CompileThreadReply =
  /** The compiled governance serialized (stacks/compiled-transfer.ts), the config's warnings, and how the thread loaded its code. */
  | ({ readonly kind: 'compiled' } & CompiledOnThread)
  /** The config cannot be used: a ConfigError's problems, and how many more it did not list. */
  | { readonly kind: 'config-problems'; readonly problems: readonly ConfigProblem[]; readonly unlisted: number }
  /** Rules that cannot become valid policies: a PolicyCompileError's problems. */
  | { readonly kind: 'policy-problems'; readonly problems: readonly ConfigProblem[] }
  /** Anything else: a bug, as text (an Error does not cross threads intact). */
  | { readonly kind: 'failed'; readonly message: string; readonly stack?: string };

/** What the compile thread hands over: the compiled governance as bytes, and the config's warnings. */
export interface CompiledOnThread {
  readonly compiled: Uint8Array;
  readonly warnings: readonly ConfigProblem[];
  /**
   * How the thread loaded its code (modules/code-bundle): from its bundle with V8's cached
   * code, from its bundle alone, or module by module (no bundle, or one older than its inputs).
   */
  readonly code: 'bundle with cached code' | 'bundle' | 'modules';
}

/**
 * Whether synth checks and compiles the config on a thread of its own: with two cores or more,
 * unless MODELGATE_SYNTH_THREADS=1 asks for everything on the main thread. The main thread then
 * loads cdktf and the code that places stacks (about 0.3 s) while the config is parsed, checked and
 * compiled beside it, instead of one after the other.
 */
export function compilesOnOwnThread(setting: string | undefined, cores: number): boolean {
  if (cores < 2) return false;
  return setting === undefined || setting.trim() === '' || synthThreadCount({ setting, configBytes: 0, cores }) > 1;
}

/**
 * Starts the compile thread on the config's bytes, running `script` (the compiled
 * stacks/compile-worker.js), or returns undefined when synth compiles on the main thread
 * (compilesOnOwnThread, or no compiled script: code run from its TypeScript sources).
 *
 * @throws SynthThreadsError for a MODELGATE_SYNTH_THREADS that is not a number of threads
 */
export function startCompileThread(data: CompileThreadData, script: string, env: NodeJS.ProcessEnv = process.env): CompileThread | undefined {
  if (!compilesOnOwnThread(env[SYNTH_THREADS_VARIABLE], availableParallelism()) || !existsSync(script)) return undefined;
  return new CompileThread(data, script);
}

/**
 * The thread that checks and compiles the config while the main thread loads the code that places
 * stacks, the YAML parsed by the main thread first. Its answer is the compiled governance as bytes,
 * which the main thread deserializes and forwards as they are to the other synth threads; the
 * problems of a config that cannot be used come back as the errors the main thread would have
 * thrown itself, with the same problems.
 */
export class CompileThread {
  private readonly worker: Worker;
  private readonly reply: Promise<CompileThreadReply>;
  private stopped: Promise<void> | undefined;

  /** Starts the thread, then parses the config's YAML on this thread while the other loads its code. */
  constructor(data: CompileThreadData, script: string) {
    this.worker = new Worker(script, { workerData: data });
    this.reply = replyOf(this.worker);
    // A failure is read when the reply is awaited; until then it must not count as unhandled.
    this.reply.catch(() => undefined);
    // js-yaml loads in about 20 ms, the schema and the checks in about 0.2 s: the YAML is parsed
    // here meanwhile (about 70 ms at 1,000 accounts), and the thread only checks and compiles it.
    const request: CompileThreadRequest = { yaml: parseYamlAhead(data.configBytes, data.configFile) };
    this.worker.postMessage(request);
  }

  /**
   * The compiled governance and the warnings, once the thread has them; the thread is ended then.
   *
   * @throws ConfigError or PolicyCompileError with the problems the thread found; an Error for a bug
   */
  async compiled(): Promise<CompiledOnThread> {
    const reply = await this.reply.finally(() => {
      // Its heap holds the parsed config and a copy of the compiled governance: it ends now, without
      // this thread waiting for it (stop() does).
      void this.stop();
    });
    switch (reply.kind) {
      case 'compiled': {
        const { kind: _kind, ...compiled } = reply;
        return compiled;
      }
      case 'config-problems':
        throw new ConfigError(reply.problems, reply.unlisted);
      case 'policy-problems':
        throw new PolicyCompileError(reply.problems);
      case 'failed':
        throw Object.assign(new Error(`the compile thread failed: ${reply.message}`), reply.stack ? { stack: reply.stack } : {});
    }
  }

  /** Ends the thread, whether it answered or not; resolves once it has ended. */
  stop(): Promise<void> {
    this.stopped ??= this.worker.terminate().then(() => undefined);
    return this.stopped;
  }
}

/** The one reply of the compile thread, or a rejection when it ends or fails without one. */
function replyOf(worker: Worker): Promise<CompileThreadReply> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', (error) => reject(new Error(`the compile thread failed: ${error.message}`)));
    worker.once('exit', (code) => reject(new Error(`the compile thread ended (exit code ${code}) before it compiled the config`)));
  });
}

/**
 * The compile thread of synth (modules/synth-threads/compile-thread.ts): it validates, resolves and
 * compiles the config's bytes (stacks/compile-thread-body.ts) while the main thread loads cdktf and
 * the code that places stacks, and posts the compiled governance back serialized, with the config's
 * warnings. The main thread sends the YAML parsed while this thread loads its code: from the
 * compile thread's bundle when it is current (stacks/compile-bundle.ts), else module by module.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CompileThreadData, CompileThreadRequest } from '../modules/synth-threads';
import { loadCompileBundle } from './compile-bundle';
import type * as CompileThreadBody from './compile-thread-body';

const port = parentPort;
if (!port) throw new Error('stacks/compile-worker runs as the compile thread of synth only');
const request = new Promise<CompileThreadRequest>((resolve) => port.once('message', resolve));
const bundle = loadCompileBundle(__dirname);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the modules load only when the bundle is stale or missing
const { compileForThread } = bundle?.body ?? (require('./compile-thread-body') as typeof CompileThreadBody);
void compileForThread(workerData as CompileThreadData, request, bundle?.code ?? 'modules').then((reply) => port.postMessage(reply));

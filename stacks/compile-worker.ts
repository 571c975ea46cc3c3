/**
 * The compile thread of synth (modules/synth-threads/compile-thread.ts): it validates, resolves and
 * compiles the config's bytes (stacks/compile-thread-body.ts) while the main thread loads cdktf and
 * the code that places stacks, and posts the compiled governance back serialized, with the config's
 * warnings. The main thread sends the YAML parsed while this thread loads its code: from the
 * compile thread's bundle when it is current (modules/code-bundle), else module by module.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BUNDLES, loadBundle } from '../modules/code-bundle';
import type { CompileThreadData, CompileThreadRequest } from '../modules/synth-threads';
import type * as CompileThreadBody from './compile-thread-body';

const port = parentPort;
if (!port) throw new Error('stacks/compile-worker runs as the compile thread of synth only');
const request = new Promise<CompileThreadRequest>((resolve) => port.once('message', resolve));
const bundle = loadBundle<typeof CompileThreadBody>(__dirname, BUNDLES.compileThread.name);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the modules load only when the bundle is stale or missing
const { compileForThread } = bundle?.exports ?? (require('./compile-thread-body') as typeof CompileThreadBody);
void compileForThread(workerData as CompileThreadData, request, bundle?.code ?? 'modules').then((reply) => port.postMessage(reply));

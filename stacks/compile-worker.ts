/**
 * The compile thread of synth (modules/synth-threads/compile-thread.ts): it validates, resolves and
 * compiles the config's bytes while the main thread loads cdktf and the code that places stacks,
 * and posts the compiled governance back serialized, with the config's warnings. The main thread
 * sends the YAML parsed while this thread loads its code. The problems of a config that cannot be
 * used go back as data, located here where the config's text is; any other error goes back as text.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ConfigError, loadConfigBytes } from '../modules/config';
import { compileGovernance, PolicyCompileError } from '../modules/policy';
import type { CompileThreadData, CompileThreadReply, CompileThreadRequest } from '../modules/synth-threads';
import { compiledForThreads } from './compiled-transfer';

async function compileOnThisThread(data: CompileThreadData, request: Promise<CompileThreadRequest>): Promise<CompileThreadReply> {
  try {
    const { yaml } = await request;
    const { governance, warnings } = loadConfigBytes(data.configBytes, data.configFile, yaml);
    const compiled = await compileGovernance(governance);
    return { kind: 'compiled', compiled: compiledForThreads(compiled), warnings };
  } catch (error) {
    if (error instanceof ConfigError) return { kind: 'config-problems', problems: error.described, unlisted: error.unlisted };
    if (error instanceof PolicyCompileError) return { kind: 'policy-problems', problems: error.problems };
    if (error instanceof Error) return { kind: 'failed', message: `${error.name}: ${error.message}`, stack: error.stack };
    return { kind: 'failed', message: String(error) };
  }
}

const port = parentPort;
if (!port) throw new Error('stacks/compile-worker runs as the compile thread of synth only');
const request = new Promise<CompileThreadRequest>((resolve) => port.once('message', resolve));
void compileOnThisThread(workerData as CompileThreadData, request).then((reply) => port.postMessage(reply));

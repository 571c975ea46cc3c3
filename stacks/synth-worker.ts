/**
 * A synth thread besides the main one (modules/synth-threads): it loads the code that places stacks
 * as soon as it starts, while the main thread reads and compiles the config; then, sent the compiled
 * governance, the staging folder and the stacks that are its share, it places and writes them there
 * and posts its entries of cdktf's manifest back. Errors go back as text: an Error does not cross
 * threads intact.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { App } from 'cdktf';
import { compiledFromMainThread } from './compiled-transfer';
import { addGovernanceStacks, stackTargets } from './governance-stacks';
import type { SynthRequest, SynthWorkerData, SynthWorkerReply } from '../modules/synth-threads';

async function main(data: SynthWorkerData): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('stacks/synth-worker runs as a worker thread of synth only');
  const reply = (message: SynthWorkerReply): void => port.postMessage(message);
  try {
    const request = await new Promise<SynthRequest>((resolve) => port.once('message', resolve));
    const compiled = compiledFromMainThread(request.compiled);
    const wanted = new Set(request.stacks);
    const targets = stackTargets(compiled);
    const app = new App({ outdir: request.outdir, stackTraces: false });
    const stacks = addGovernanceStacks(app, compiled, undefined, (index) => wanted.has(targets[index]?.target.stackName ?? ''));
    // A name the compiled governance has no stack for is a bug, and the output would miss that stack.
    if (stacks.length !== wanted.size) {
      const placed = new Set(stacks.map((stack) => stack.node.id));
      throw new Error(`synth thread ${data.thread} has no stack ${request.stacks.filter((name) => !placed.has(name)).join(', ')} to write`);
    }
    app.synth();
    reply({ kind: 'written', manifest: app.manifest.stacks });
  } catch (error) {
    reply({ kind: 'failed', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
}

void main(workerData as SynthWorkerData);

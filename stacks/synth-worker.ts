/**
 * A synth thread besides the main one (modules/synth-threads): it compiles the config bytes it was
 * given as soon as it starts, while the main thread does the same; then, told the staging folder
 * and the stacks that are its share, it places and writes them there and posts its entries of
 * cdktf's manifest back. Errors go back as text: an Error does not cross threads intact.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { App } from 'cdktf';
import { loadConfigBytes } from '../modules/config';
import { compileGovernance } from '../modules/policy';
import { addGovernanceStacks, stackTargets } from './governance-stacks';
import { synthShares } from './synth-shares';
import type { SynthRequest, SynthWorkerData, SynthWorkerReply } from '../modules/synth-threads';

async function main(data: SynthWorkerData): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('stacks/synth-worker runs as a worker thread of synth only');
  const reply = (message: SynthWorkerReply): void => port.postMessage(message);
  try {
    const compiling = compileGovernance(loadConfigBytes(data.configBytes, data.configFile).governance);
    const request = await new Promise<SynthRequest>((resolve) => port.once('message', resolve));
    const compiled = await compiling;
    const shares = synthShares(compiled.governance, stackTargets(compiled), data.threads);
    const app = new App({ outdir: request.outdir, stackTraces: false });
    const stacks = addGovernanceStacks(app, compiled, undefined, (index) => shares[index] === data.thread);
    const names = stacks.map((stack) => stack.node.id);
    // Both threads compiled the same bytes: a difference here is a bug, and the output would be wrong.
    if (names.join('\n') !== request.stacks.join('\n')) {
      throw new Error(`synth thread ${data.thread} would write the stacks ${names.join(', ')}, not ${request.stacks.join(', ')}`);
    }
    app.synth();
    reply({ kind: 'written', manifest: app.manifest.stacks });
  } catch (error) {
    reply({ kind: 'failed', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
}

void main(workerData as SynthWorkerData);

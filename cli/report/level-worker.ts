/**
 * A worker thread of the report: answers its share of the level questions with the simulator and
 * posts the verdicts back, or the first error as text (an Error does not cross threads intact).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { decideInOrder, type RequestJob } from './level-verdicts';

async function answer(jobs: readonly RequestJob[]): Promise<void> {
  try {
    parentPort?.postMessage({ verdicts: await decideInOrder(jobs) });
  } catch (error) {
    parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
}

void answer(workerData as readonly RequestJob[]);

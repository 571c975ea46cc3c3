import { setFlagsFromString } from 'node:v8';
import { PARALLEL_CONFIG_BYTES } from './thread-count';

/**
 * How much V8 may grow the heap past what a full collection left alive, in percent, when synth
 * writes a large organization. By default V8 lets the heap grow up to 4x the live objects when
 * its collections are fast, and writing thousands of stacks is that case: at 10,000 accounts on one
 * thread the heap grew to 350 MB around 90 MB of live objects (480 MB of RSS), and touching that
 * memory cost seconds of system time on a 2-core machine. At 1.5x the same synth peaks at 200 MB
 * of RSS and takes about 11% less wall time (two threads: 12% less); a small organization's heap
 * stays small either way, and there the default does as well or better.
 */
export const LARGE_CONFIG_HEAP_GROWTH_PERCENT = 50;

/** The V8 flag synth sets for a config of `configBytes` bytes, or undefined to keep V8's default. */
export function heapGrowthFlag(configBytes: number): string | undefined {
  return configBytes >= PARALLEL_CONFIG_BYTES ? `--heap-growing-percent=${LARGE_CONFIG_HEAP_GROWTH_PERCENT}` : undefined;
}

/**
 * Sets heapGrowthFlag for this process (every thread's heap), before the code that synthesizes is
 * loaded. V8 reads this flag each time it sizes the heap after a collection, so it takes effect
 * when set at run time: measured, the 10,000-account synth on one thread peaks at 200 MB of RSS
 * with it and 480 MB without (docs/benchmarks.md).
 */
export function limitHeapGrowth(configBytes: number, setFlags: (flags: string) => void = setFlagsFromString): void {
  const flag = heapGrowthFlag(configBytes);
  if (flag) setFlags(flag);
}

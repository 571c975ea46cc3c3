export { MAX_SYNTH_THREADS, PARALLEL_CONFIG_BYTES, SYNTH_THREADS_VARIABLE, synthThreadCount, SynthThreadsError, type ThreadSetting } from './thread-count';
export { startSynthWorkers, SynthWorkers, type SynthRequest, type SynthWorkerData, type SynthWorkerReply } from './synth-workers';
export { heapGrowthFlag, LARGE_CONFIG_HEAP_GROWTH_PERCENT, limitHeapGrowth } from './heap-growth';

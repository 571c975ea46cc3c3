export { deployOrder, readSynthRecord, sha256, SYNTH_RECORD_FILE, writeSynthRecord, type SynthRecord } from './synth-record';

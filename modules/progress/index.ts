export { NO_PROGRESS, progressOnStderr, type Progress, type ProgressOptions } from './progress';

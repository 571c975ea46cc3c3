export { reportUnexpectedErrors, unexpectedErrorMessage } from './unexpected-error';

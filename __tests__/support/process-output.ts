/** What the commands of one test wrote to stdout and stderr; tests may reset either between runs. */
export interface CapturedOutput {
  stdout: string;
  stderr: string;
}

/**
 * Captures process.stdout and process.stderr for every test of the enclosing describe (or file),
 * and resets process.exitCode after each, so that in-process command runs leave nothing behind.
 */
export function captureProcessOutput(): CapturedOutput {
  const captured: CapturedOutput = { stdout: '', stderr: '' };
  beforeEach(() => {
    captured.stdout = '';
    captured.stderr = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((captured.stdout += String(chunk)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((captured.stderr += String(chunk)), true));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.exitCode = undefined;
  });
  return captured;
}

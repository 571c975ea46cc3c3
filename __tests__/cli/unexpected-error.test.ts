import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unexpectedErrorMessage } from '../../cli/unexpected-error';
import { PROJECT_ROOT } from '../support/run-app';

const HINT = 'This is a bug in modelgate: please report it to the modelgate maintainers with the command you ran (MODELGATE_DEBUG=1 prints the stack trace to include)';

describe('unexpectedErrorMessage', () => {
  test('one line: the error kind, the first line of its message, and where to report it; no stack trace', () => {
    const error = new TypeError('Converting circular structure to JSON\n    --> starting at object with constructor Object');
    expect(unexpectedErrorMessage('modelgate', error, {})).toBe(`modelgate: unexpected error: TypeError: Converting circular structure to JSON. ${HINT}\n`);
  });

  test('a thrown value that is not an Error, and a very long message, stay one short line', () => {
    expect(unexpectedErrorMessage('modelgate', 'boom', {})).toBe(`modelgate: unexpected error: boom. ${HINT}\n`);
    const long = unexpectedErrorMessage('modelgate', new Error('x'.repeat(5000)), {});
    expect(long.split('\n')).toHaveLength(2);
    expect(long.length).toBeLessThan(450);
  });

  test('MODELGATE_DEBUG=1 asks for the stack trace', () => {
    const error = new RangeError('Maximum call stack size exceeded');
    expect(unexpectedErrorMessage('modelgate', error, { MODELGATE_DEBUG: '1' })).toBe(`modelgate: ${error.stack}\n`);
  });
});

/**
 * The built programs, with a file-system call made to fail as a bug would (nothing a user can do
 * triggers it on purpose): the last-resort handler prints the one line, exits 1, and writes nothing.
 */
test.each([
  ['npm run synth (dist/main.js)', 'main.js', [], "require('node:fs').renameSync = () => { throw new TypeError('a bug') };"],
  ['modelgate validate (dist/cli/main.js)', join('cli', 'main.js'), ['validate', 'governance.yaml'], "require('node:fs').existsSync = () => { throw new TypeError('a bug') };"],
  ['a throw outside any command (an event handler)', join('cli', 'main.js'), ['--version'], "setImmediate(() => { throw new TypeError('a bug') });"],
])('%s failing unexpectedly: one line saying what broke and where to report it, exit 1, nothing written', (_, program, args, breakIt) => {
  const cwd = mkdtempSync(join(tmpdir(), 'modelgate-bug-'));
  const script = `process.argv = [process.argv[0], 'modelgate', ...${JSON.stringify(args)}]; ${breakIt} require(${JSON.stringify(join(PROJECT_ROOT, 'dist', program))});`;
  const result = spawnSync(process.execPath, ['-e', script], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, MODELGATE_CONFIG: join(PROJECT_ROOT, 'examples', 'governance.yaml'), CDKTF_OUTDIR: '', MODELGATE_DEBUG: '' },
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toBe(`modelgate: unexpected error: TypeError: a bug. ${HINT}\n`);
  expect(readdirSync(cwd)).toEqual([]);
});

test('the built command with MODELGATE_DEBUG=1 prints the stack trace', () => {
  const script = `require('node:fs').existsSync = () => { throw new TypeError('a bug') }; process.argv = [process.argv[0], 'modelgate', 'validate']; require(${JSON.stringify(join(PROJECT_ROOT, 'dist', 'cli', 'main.js'))});`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, MODELGATE_DEBUG: '1' } });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/^modelgate: TypeError: a bug\n {4}at /);
});

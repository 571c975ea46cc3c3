import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateOrganization } from '../../bench/generate-org';
import { isSynthOutput, OutputFolderError, removeStaleStaging, stagingFolder } from '../../stacks/output-folder';
import { synthesizeGovernance } from '../../stacks/synthesize';
import { PROJECT_ROOT } from '../support/run-app';
import { filesUnder } from '../support/synth-fixture';

const EXAMPLE = join(PROJECT_ROOT, 'examples', 'governance.yaml');
const synthesizeInto = (outdir: string): ReturnType<typeof synthesizeGovernance> => synthesizeGovernance({ configFile: EXAMPLE, outdir });
const freshDir = (): string => mkdtempSync(join(tmpdir(), 'modelgate-out-'));

/** A folder of someone's own files, where CDKTF_OUTDIR should never have pointed. */
function ownFolder(): string {
  const dir = join(freshDir(), 'project');
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'notes.md'), '# my notes\n');
  writeFileSync(join(dir, 'src', 'main.tf'), 'resource "null_resource" "x" {}\n');
  return dir;
}

describe('the output folder', () => {
  test('a folder synth did not write is refused and left byte for byte as it was', async () => {
    const dir = ownFolder();
    const before = filesUnder(dir);
    await expect(synthesizeInto(dir)).rejects.toThrow(
      new OutputFolderError(
        `the output folder ${dir} is not the output of a previous synth (it has no cdktf manifest.json), and synth would replace it as a whole: ` +
          'point CDKTF_OUTDIR at a new or empty folder, or remove this one yourself',
      ),
    );
    expect(filesUnder(dir)).toEqual(before);
    expect(readdirSync(join(dir, '..'))).toEqual(['project']);
  });

  test('a manifest.json that is not cdktf\'s does not make a folder replaceable', async () => {
    const dir = ownFolder();
    writeFileSync(join(dir, 'manifest.json'), '{"name":"my-app","version":"1.0.0"}');
    await expect(synthesizeInto(dir)).rejects.toThrow(OutputFolderError);
    expect(readFileSync(join(dir, 'notes.md'), 'utf8')).toBe('# my notes\n');
  });

  test('a previous output is replaced, and an empty folder filled', async () => {
    const dir = join(freshDir(), 'cdktf.out');
    await synthesizeInto(dir);
    writeFileSync(join(dir, 'stacks', 'stale.txt'), 'from an earlier run');
    await synthesizeInto(dir);
    expect(existsSync(join(dir, 'stacks', 'stale.txt'))).toBe(false);
    expect(isSynthOutput(dir)).toBe(true);
    const empty = freshDir();
    await synthesizeInto(empty);
    expect(isSynthOutput(empty)).toBe(true);
  });

  test.each([
    ['a file', (dir: string) => writeFileSync(join(dir, 'cdktf.out'), 'x'), 'cdktf.out', /the output folder .*cdktf\.out is a file/],
    ['a symbolic link', (dir: string) => symlinkSync(ownFolder(), join(dir, 'cdktf.out')), 'cdktf.out', /is a symbolic link; point CDKTF_OUTDIR at a real folder/],
    ['below a file', (dir: string) => writeFileSync(join(dir, 'build'), 'x'), 'build/out/cdktf.out', /cannot create the output folder .*: .*build is a file, not a folder/],
  ])('%s is refused with a message, before anything is written', async (_, arrange, output, message) => {
    const dir = freshDir();
    arrange(dir);
    const outdir = join(dir, output);
    const before = readdirSync(dir);
    await expect(synthesizeInto(outdir)).rejects.toThrow(message);
    expect(readdirSync(dir)).toEqual(before);
  });

  test('missing parent folders are created', async () => {
    const outdir = join(freshDir(), 'build', 'artifacts', 'cdktf.out');
    await synthesizeInto(outdir);
    expect(isSynthOutput(outdir)).toBe(true);
  });

  test('stale staging folders of dead runs are removed; those of a run still going are kept', async () => {
    const dir = freshDir();
    const outdir = join(dir, 'cdktf.out');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const alive = process.ppid;
    for (const pid of [dead, alive]) {
      mkdirSync(join(stagingFolder(outdir, pid), 'stacks'), { recursive: true });
      writeFileSync(join(stagingFolder(outdir, pid), 'stacks', 'partial.json'), '{');
    }
    await synthesizeInto(outdir);
    expect(readdirSync(dir).sort()).toEqual([`.cdktf.out.staging-${alive}`, 'cdktf.out']);
    expect(removeStaleStaging(outdir)).toEqual([]);
  });
});

describe('the output folder, through the built app', () => {
  test('refusing a folder: exit 1, one clear line, no stack trace, the folder untouched', () => {
    const dir = ownFolder();
    const before = filesUnder(dir);
    const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'dist', 'main.js')], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, MODELGATE_CONFIG: EXAMPLE, CDKTF_OUTDIR: dir },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`modelgate: the output folder ${dir} is not the output of a previous synth (it has no cdktf manifest.json), and synth would replace it as a whole: point CDKTF_OUTDIR at a new or empty folder, or remove this one yourself; nothing was written\n`);
    expect(filesUnder(dir)).toEqual(before);
  });

  test('a missing parent folder is created (no ENOENT)', () => {
    const outdir = join(freshDir(), 'nested', 'deeper', 'cdktf.out');
    const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'dist', 'main.js')], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, MODELGATE_CONFIG: EXAMPLE, CDKTF_OUTDIR: outdir },
    });
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(isSynthOutput(outdir)).toBe(true);
  });

  /**
   * A large organization keeps synth writing for a while; the signal comes as soon as the staging
   * folder appears. The run must end by that signal, with no staging folder left and the previous
   * output exactly as it was.
   */
  test.each(['SIGTERM', 'SIGINT'] as const)(
    '%s while writing: the staging folder is removed and the previous output kept',
    async (signal) => {
      const cwd = freshDir();
      writeFileSync(join(cwd, 'governance.yaml'), generateOrganization({ accounts: 250 }));
      const previous = join(cwd, 'cdktf.out');
      await synthesizeGovernance({ configFile: EXAMPLE, outdir: previous });
      const before = filesUnder(previous);

      const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'main.js')], { cwd, env: { ...process.env, MODELGATE_CONFIG: '', CDKTF_OUTDIR: '' } });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const watcher = watch(cwd, (_, name) => {
        if (!name?.startsWith('.cdktf.out.staging-')) return;
        watcher.close();
        child.kill(signal);
      });
      const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, sig) => resolve({ code, signal: sig })));
      watcher.close();

      expect(ended).toEqual({ code: null, signal });
      expect(stderr).toBe(`modelgate: interrupted by ${signal}; nothing was written, cdktf.out was left as it was\n`);
      expect(readdirSync(cwd).sort()).toEqual(['cdktf.out', 'governance.yaml']);
      expect(filesUnder(previous)).toEqual(before);
    },
    120_000,
  );
});

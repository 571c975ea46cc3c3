import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');

/** The outcome of running the compiled app as a pipeline would. */
export interface AppRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The working directory the app ran in; cdktf.out, if any, is there. */
  readonly cwd: string;
  readonly outdir: string;
}

/** Writes `yaml` to governance.yaml in a fresh directory and runs `node dist/main.js` there. */
export function runAppOn(yaml: string | Uint8Array): AppRun {
  const cwd = mkdtempSync(join(tmpdir(), 'modelgate-'));
  writeFileSync(join(cwd, 'governance.yaml'), yaml);
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'dist', 'main.js')], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, MODELGATE_CONFIG: '', CDKTF_OUTDIR: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, cwd, outdir: join(cwd, 'cdktf.out') };
}

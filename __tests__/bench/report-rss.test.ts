import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../support/run-app';

const REPORT_RSS = join(PROJECT_ROOT, 'dist', 'bench', 'report-rss.js');

describe('report-rss preload (peak memory where /usr/bin/time is missing)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'modelgate-rss-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs a script under the preload; returns what it reported, in the `/usr/bin/time -f "%M %U %S"` form. */
  function report(script: string): { peakKiB: number; userSeconds: number; systemSeconds: number } {
    const file = join(dir, 'rss');
    const result = spawnSync(process.execPath, ['--require', REPORT_RSS, '-e', script], { env: { ...process.env, BENCH_RSS_FILE: file }, encoding: 'utf8' });
    expect(result.status).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^\d+ \d+(\.\d+)? \d+(\.\d+)?\n$/);
    const [peakKiB, userSeconds, systemSeconds] = text.trim().split(' ').map(Number) as [number, number, number];
    return { peakKiB, userSeconds, systemSeconds };
  }

  test('writes the peak, not the resident size at exit: 200 MiB touched then released still counts', () => {
    const idle = report('').peakKiB;
    const peak = report('let b = Buffer.alloc(200 * 1024 * 1024, 1); b = null;').peakKiB;
    expect(idle).toBeGreaterThan(10 * 1024);
    // The idle size of node varies from run to run; the peak always holds the whole 200 MiB buffer.
    expect(peak).toBeGreaterThan(200 * 1024);
    expect(peak).toBeGreaterThan(idle);
  });

  test('writes the CPU seconds the process used', () => {
    // Spins until it has used 0.3 s of CPU itself, however loaded the machine is.
    const busy = report('while (process.cpuUsage().user < 300000);');
    expect(busy.userSeconds).toBeGreaterThanOrEqual(0.3);
    expect(busy.userSeconds + busy.systemSeconds).toBeLessThan(5);
  });
});

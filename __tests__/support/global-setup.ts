import { execFileSync } from 'node:child_process';

/**
 * CLI tests run the compiled app exactly as `npm run synth` does, and the bench's smoke test runs
 * the compiled bench, so build both once per test run (the bench's tsconfig holds the app's files),
 * with the step `npm run build` runs after tsc: synth's code bundles (tools/write-bundles.ts).
 */
export default function globalSetup(): void {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.bench.json'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['dist/tools/write-bundles.js'], { stdio: 'inherit' });
}

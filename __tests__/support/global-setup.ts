import { execFileSync } from 'node:child_process';

/** CLI tests run the compiled app exactly as `npm run synth` does, so build it once per test run. */
export default function globalSetup(): void {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}

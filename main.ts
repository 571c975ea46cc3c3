import { ConfigError, defaultConfigFile, formatProblem } from './modules/config';
import { PolicyCompileError } from './modules/policy';
import { progressOnStderr } from './modules/progress';
import { reportUnexpectedErrors, unexpectedErrorMessage } from './cli/unexpected-error';
import { OutputFolderError, stackTargets, synthesizeGovernance } from './stacks';

/** governance.yaml, or the file MODELGATE_CONFIG names; the example org when neither exists. */
function configFile(): string {
  const { file, isExample } = defaultConfigFile({ exampleWhenAbsent: true });
  if (isExample) process.stdout.write(`modelgate: no governance.yaml here; synthesizing the example organization (${file})\n`);
  return file;
}

async function main(): Promise<void> {
  // `npm run synth -- --progress` shows progress where stderr is no terminal (CI).
  const progress = progressOnStderr({ label: 'modelgate: stacks placed', forced: process.argv.includes('--progress') });
  const { compiled, warnings } = await synthesizeGovernance({
    configFile: configFile(),
    outdir: process.env.CDKTF_OUTDIR || 'cdktf.out',
    progress,
  });
  progress.finish();
  for (const warning of warnings) process.stderr.write(`warning: ${formatProblem(warning)}\n`);
  const policies = compiled.targets.reduce((n, t) => n + t.policies.length, 0);
  process.stdout.write(`modelgate: ${stackTargets(compiled).length} stacks, ${policies} SCPs\n`);
}

reportUnexpectedErrors('modelgate', 1);
main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof PolicyCompileError) {
    const { problems } = error;
    process.stderr.write(`modelgate: ${problems.length} problem${problems.length > 1 ? 's' : ''}, nothing was written:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
  } else if (error instanceof OutputFolderError) {
    process.stderr.write(`modelgate: ${error.message}; nothing was written\n`);
  } else {
    process.stderr.write(unexpectedErrorMessage('modelgate', error));
  }
  process.exitCode = 1;
});

import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { synthesizeGovernance } from '../../stacks/synthesize';
import { recoverInterruptedSwap, swapJournalFile } from '../../stacks/swap-output';

const ORGANIZATION = `
organization:
  managementAccount: "111111111111"
  root: r-ab12
  units:
    Sandbox:  { id: ou-ab12-11111111 }
    Research: { id: ou-ab12-22222222 }
breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]
models:
  root:
    bedrock: { deny: ["deepseek.*"] }
  Sandbox:
    bedrock: { allow: ["amazon.nova-*"] }
`;
const RESEARCH = `  Research:
    fineTuning: { deny: true }
`;

/** A project folder with governance.yaml; `synth` writes its cdktf.out as `npm run synth` does. */
function project(): { dir: string; outdir: string; write(yaml: string): void; synth(): Promise<unknown> } {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-in-place-'));
  const config = join(dir, 'governance.yaml');
  const outdir = join(dir, 'cdktf.out');
  return { dir, outdir, write: (yaml) => writeFileSync(config, yaml), synth: () => synthesizeGovernance({ configFile: config, outdir }) };
}

/** What `terraform init` leaves in a stack folder. */
function initialize(stackDir: string): void {
  mkdirSync(join(stackDir, '.terraform', 'providers'), { recursive: true });
  writeFileSync(join(stackDir, '.terraform', 'providers', 'marker'), 'provider');
  writeFileSync(join(stackDir, '.terraform.lock.hcl'), '# lock\n');
}

/**
 * cdktf-cli 0.21.0's synth, as cli-core/src/lib/synth-stack.ts does it: list the stack folders,
 * run the app (with the environment it sets), then remove the folders of stacks the new manifest
 * does not name with fs.rmSync without `force`, which throws ENOENT when one is gone already.
 */
async function cdktfCliSynth(outdir: string, app: () => Promise<unknown>): Promise<void> {
  const stacksDir = join(outdir, 'stacks');
  const existing = existsSync(stacksDir) ? readdirSync(stacksDir).map((name) => join(stacksDir, name)).filter((p) => lstatSync(p).isDirectory()) : [];
  process.env.SYNTH_HCL_OUTPUT = 'false';
  try {
    await app();
  } finally {
    delete process.env.SYNTH_HCL_OUTPUT;
  }
  const names = Object.keys((JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, unknown> }).stacks);
  for (const orphan of existing.filter((e) => !names.includes(basename(e)))) rmSync(orphan, { recursive: true });
}

describe('synth writes in place', () => {
  test("a stack that still exists keeps Terraform's working files; its configuration is rewritten", async () => {
    const p = project();
    p.write(`${ORGANIZATION}${RESEARCH}`);
    await p.synth();
    initialize(join(p.outdir, 'stacks', 'root'));
    initialize(join(p.outdir, 'stacks', 'ou-research'));
    p.write(`${ORGANIZATION.replace('deepseek.*', 'meta.*')}${RESEARCH}`);
    await p.synth();
    for (const stack of ['root', 'ou-research']) {
      expect(readFileSync(join(p.outdir, 'stacks', stack, '.terraform', 'providers', 'marker'), 'utf8')).toBe('provider');
      expect(readFileSync(join(p.outdir, 'stacks', stack, '.terraform.lock.hcl'), 'utf8')).toBe('# lock\n');
    }
    expect(readFileSync(join(p.outdir, 'stacks', 'root', 'cdk.tf.json'), 'utf8')).toContain('meta.*');
    expect(readdirSync(p.dir).sort()).toEqual(['cdktf.out', 'governance.yaml']);
  });

  test('a removed layer: npm run synth deletes its stack folder', async () => {
    const p = project();
    p.write(`${ORGANIZATION}${RESEARCH}`);
    await p.synth();
    initialize(join(p.outdir, 'stacks', 'root'));
    p.write(ORGANIZATION);
    await p.synth();
    expect(readdirSync(join(p.outdir, 'stacks')).sort()).toEqual(['ou-sandbox', 'root']);
    expect(existsSync(join(p.outdir, 'stacks', 'root', '.terraform.lock.hcl'))).toBe(true);
  });

  test("a removed layer: cdktf-cli's synth works on the first run and removes the folder itself", async () => {
    const p = project();
    p.write(`${ORGANIZATION}${RESEARCH}`);
    await p.synth();
    initialize(join(p.outdir, 'stacks', 'root'));
    p.write(ORGANIZATION);
    await expect(cdktfCliSynth(p.outdir, p.synth)).resolves.toBeUndefined();
    expect(readdirSync(join(p.outdir, 'stacks')).sort()).toEqual(['ou-sandbox', 'root']);
    expect(existsSync(join(p.outdir, 'stacks', 'root', '.terraform', 'providers', 'marker'))).toBe(true);
    expect(readdirSync(p.dir).sort()).toEqual(['cdktf.out', 'governance.yaml']);
  });

  describe('a swap interrupted by a killed process is finished or undone by the next run', () => {
    /** A synthesized output with an initialized root stack, and a complete new generation beside it. */
    async function halfway(): Promise<{ outdir: string; staging: string; previous: string }> {
      const p = project();
      p.write(ORGANIZATION);
      await p.synth();
      initialize(join(p.outdir, 'stacks', 'root'));
      const staging = join(p.dir, '.cdktf.out.staging-999999');
      cpSync(p.outdir, staging, { recursive: true, filter: (source) => !source.includes('.terraform') });
      writeFileSync(join(staging, 'stacks', 'root', 'cdk.tf.json'), '{"new":true}');
      const previous = join(p.dir, '.cdktf.out.previous-999999');
      writeFileSync(swapJournalFile(p.outdir), JSON.stringify({ outdir: p.outdir, staging, previous, kept: ['root', 'ou-sandbox'] }));
      return { outdir: p.outdir, staging, previous };
    }

    test('killed while moving working files: they go back, the old output stays', async () => {
      const { outdir, staging } = await halfway();
      renameSync(join(outdir, 'stacks', 'root', '.terraform'), join(staging, 'stacks', 'root', '.terraform'));
      expect(recoverInterruptedSwap(outdir)).toBe('rolled back');
      expect(existsSync(join(outdir, 'stacks', 'root', '.terraform', 'providers', 'marker'))).toBe(true);
      expect(existsSync(join(outdir, 'stacks', 'root', '.terraform.lock.hcl'))).toBe(true);
      expect(readFileSync(join(outdir, 'stacks', 'root', 'cdk.tf.json'), 'utf8')).not.toBe('{"new":true}');
      expect(existsSync(staging)).toBe(false);
      expect(existsSync(swapJournalFile(outdir))).toBe(false);
    });

    test('killed between the two renames: the new generation is put in place', async () => {
      const { outdir, staging, previous } = await halfway();
      renameSync(join(outdir, 'stacks', 'root', '.terraform'), join(staging, 'stacks', 'root', '.terraform'));
      renameSync(outdir, previous);
      expect(recoverInterruptedSwap(outdir)).toBe('completed');
      expect(readFileSync(join(outdir, 'stacks', 'root', 'cdk.tf.json'), 'utf8')).toBe('{"new":true}');
      expect(existsSync(join(outdir, 'stacks', 'root', '.terraform', 'providers', 'marker'))).toBe(true);
      expect([existsSync(previous), existsSync(staging), existsSync(swapJournalFile(outdir))]).toEqual([false, false, false]);
    });

    test('the next synth recovers before it writes', async () => {
      const { outdir, staging, previous } = await halfway();
      renameSync(outdir, previous);
      const config = join(outdir, '..', 'governance.yaml');
      await synthesizeGovernance({ configFile: config, outdir });
      expect(readFileSync(join(outdir, 'stacks', 'root', 'cdk.tf.json'), 'utf8')).toContain('deepseek');
      expect(readdirSync(join(outdir, '..')).sort()).toEqual(['cdktf.out', 'governance.yaml']);
      expect(existsSync(staging)).toBe(false);
    });
  });
});

import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { synthesizeGovernance, type SynthesizeResult } from '../../stacks/synthesize';

/** A synthesized cdk.tf.json, as Terraform will read it. */
export interface StackJson {
  readonly provider?: { aws?: Record<string, unknown>[] };
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly terraform: { backend?: Record<string, Record<string, unknown>>; cloud?: Record<string, unknown>; required_providers?: unknown };
}

export interface Synthesized extends SynthesizeResult {
  readonly outdir: string;
  /** Stack names found under cdktf.out/stacks. */
  readonly stacks: string[];
  stack(name: string): StackJson;
}

/** Synthesizes YAML text (or a file) into a fresh temp dir, in-process. */
export async function synthesizeYaml(yaml: string): Promise<Synthesized> {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-synth-'));
  const configFile = join(dir, 'governance.yaml');
  writeFileSync(configFile, yaml);
  return synthesizeFile(configFile, join(dir, 'cdktf.out'));
}

export async function synthesizeFile(configFile: string, outdir = join(mkdtempSync(join(tmpdir(), 'modelgate-synth-')), 'cdktf.out')): Promise<Synthesized> {
  const result = await synthesizeGovernance({ configFile, outdir });
  const stacks = readdirSync(join(outdir, 'stacks')).sort();
  return {
    ...result,
    outdir,
    stacks,
    stack: (name) => JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as StackJson,
  };
}

/** Every file under a directory, path -> bytes, for byte-identical comparisons. */
export function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string): void => {
    for (const entry of readdirSync(at)) {
      const path = join(at, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

/** The SCPs of one stack: name, content and attachment target. */
export function policiesOf(stack: StackJson): { name: string; content: string; targetId: string }[] {
  const policies = stack.resource?.aws_organizations_policy ?? {};
  const attachments = Object.values(stack.resource?.aws_organizations_policy_attachment ?? {});
  return Object.entries(policies).map(([id, policy]) => {
    const attachment = attachments.find((a) => a.policy_id === `\${aws_organizations_policy.${id}.id}`);
    return { name: policy.name as string, content: policy.content as string, targetId: attachment?.target_id as string };
  });
}

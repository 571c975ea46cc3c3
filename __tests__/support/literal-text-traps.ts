import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, type ResolvedGovernance } from '../../modules/config';
import { compileGovernance } from '../../modules/policy';
import { synthesizeCompiled } from '../../stacks/synthesize';

/**
 * Text that Terraform would evaluate if it reached a template unescaped: an interpolation that
 * reads a file, a directive, and an escape the user wrote on purpose (which must stay two dollars).
 */
export const TRAP = 'read ${file("secrets.txt")}, %{ if true }x%{ endif } and $${kept}';
/** A tag key and a break-glass role name with the same sequences. */
export const TRAP_KEY = 'owner-${file("secrets.txt")}-%{ if true }k%{ endif }';
export const TRAP_ROLE_ARN = 'arn:aws:iam::*:role/${file("secrets.txt")}%{ if true }r%{ endif }';

/** TRAP as the synthesized JSON must hold it, so that Terraform reads it back as TRAP. */
export const ESCAPED_TRAP = 'read $${file("secrets.txt")}, %%{ if true }x%%{ endif } and $$${kept}';

/**
 * A small organization whose free text holds TRAP wherever governance.yaml takes free text: the
 * guardrail of prod-app (description, topic, example, messages, version) and the hub of
 * shared-services (description, display name, keyword). prod-app's stack plans on hashicorp/aws
 * 5.x (SCP, guardrail, model-user role); a hub needs 6.51.
 */
export const TRAP_YAML = `
organization:
  partition: aws
  managementAccount: "111111111111"
  root: r-ab12
  units:
    Sandbox: { id: ou-ab12-11111111 }
  accounts:
    prod-app: { id: "333333333333", unit: Sandbox }
    shared-services: { id: "444444444444", unit: Sandbox }
breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]
models:
  Sandbox:
    bedrock: { deny: ["deepseek.*"] }
  prod-app:
    bedrock: { deny: ["meta.*"] }
guardrails:
  standard:
    account: prod-app
    description: '${TRAP}'
    contentFilters: { hate: HIGH }
    deniedTopics:
      - name: Secrets
        definition: '${TRAP}'
        examples: ['${TRAP}']
    blockedMessages: { input: '${TRAP}', output: '${TRAP}' }
    version: { description: '${TRAP}' }
jumpstartHubs:
  curated:
    account: shared-services
    description: '${TRAP}'
    displayName: '${TRAP}'
    searchKeywords: ['${TRAP}']
    models: [{ id: huggingface-llm-mistral-7b-instruct }]
modelUsers:
  app-invoker:
    account: prod-app
    role: { assumedBy: { services: [lambda.amazonaws.com] } }
    models: ["anthropic.claude-3-5-sonnet*"]
deployment:
  region: us-east-1
  defaultTags: { ManagedBy: modelgate }
`;

/**
 * TRAP_YAML, plus what governance.yaml cannot carry (AWS refuses these characters in tag keys and
 * values, and role names), set on the loaded config: a default tag whose key and value hold the
 * trap, and a break-glass ARN that every SCP quotes. Synthesized into a fresh folder; returns it.
 */
export async function synthesizeTraps(): Promise<string> {
  const { governance } = parseConfig(TRAP_YAML, 'governance.yaml');
  const trapped: ResolvedGovernance = {
    ...governance,
    breakGlass: [...governance.breakGlass, TRAP_ROLE_ARN],
    deployment: { ...governance.deployment, defaultTags: { ...governance.deployment.defaultTags, Owner: TRAP, [TRAP_KEY]: 'key' } },
  };
  const outdir = join(mkdtempSync(join(tmpdir(), 'modelgate-traps-')), 'cdktf.out');
  await synthesizeCompiled(await compileGovernance(trapped), outdir);
  return outdir;
}

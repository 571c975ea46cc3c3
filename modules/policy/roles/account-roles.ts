import {
  approveModels,
  canvasBedrockRoleName,
  canvasExecutionRoleName,
  canvasProfileRoleName,
  formatPath,
  type CanvasWorkspaceConfig,
  type ConfigProblem,
  type ModelUserConfig,
  type ResolvedGovernance,
  type Target,
} from '../../config';
import { canvasExecutionStatements, type LineageLayer } from './canvas-execution-policy';
import { modelUserStatements } from './model-user-policy';
import type { RuleProblem } from '../statement';
import { renderRolePolicy } from './role-policy-document';

/** A Canvas workspace with the names and the generated inline policy of its roles. */
export interface CompiledCanvasWorkspace {
  readonly name: string;
  readonly config: CanvasWorkspaceConfig;
  readonly executionRoleName: string;
  /** The role Canvas passes to Bedrock, when generative AI is on. */
  readonly bedrockRoleName?: string;
  /** User profile name -> its own execution role name; each role gets the same inline policy. */
  readonly profileRoleNames: Readonly<Record<string, string>>;
  /** Literal minified JSON. */
  readonly inlinePolicy: string;
}

/** A model user with its approved models and generated allow policy. */
export interface CompiledModelUser {
  readonly name: string;
  readonly config: ModelUserConfig;
  /** The globs granted: those of the config that the account's rules allow. */
  readonly approvedModels: readonly string[];
  /** Literal minified JSON. */
  readonly inlinePolicy: string;
}

/** The roles modelgate places in one account. */
export interface CompiledAccountRoles {
  readonly target: Target;
  readonly canvas: readonly CompiledCanvasWorkspace[];
  readonly modelUsers: readonly CompiledModelUser[];
}

/**
 * Generates the role policies of every account that holds Canvas workspaces or model users, from
 * the rules of the account's lineage. Returns them by account name, in config order, or every problem.
 */
export async function compileAccountRoles(
  governance: ResolvedGovernance,
): Promise<{ readonly roles: ReadonlyMap<string, CompiledAccountRoles>; readonly problems: readonly ConfigProblem[] }> {
  const problems: ConfigProblem[] = [];
  const roles = new Map<string, CompiledAccountRoles>();
  const byLayer = new Map(governance.targets.map((t) => [t.layer, t]));
  // Most accounts of a large organization hold neither: their lineage is not worth building.
  const holders = new Set([...Object.values(governance.canvas), ...Object.values(governance.modelUsers)].map((c) => c.account));
  for (const target of governance.targets.filter((t) => t.kind === 'account' && holders.has(t.layer))) {
    const lineage: LineageLayer[] = target.lineage.map((layer) => {
      const at = byLayer.get(layer);
      return { layer, rulesPath: formatPath(at?.rulesPath ?? ['models', layer]), ...(at?.rules ? { rules: at.rules } : {}) };
    });
    const canvas: CompiledCanvasWorkspace[] = [];
    for (const [name, config] of Object.entries(governance.canvas).filter(([, c]) => c.account === target.layer)) {
      const compiled = await compileCanvas(governance, target, lineage, name, config);
      if ('problems' in compiled) problems.push(...compiled.problems.map((p) => governance.problemAt(['canvas', name], p)));
      else canvas.push(compiled);
    }
    const modelUsers: CompiledModelUser[] = [];
    const guardrails = guardrailsApplied(governance, target, lineage);
    for (const [name, config] of Object.entries(governance.modelUsers).filter(([, c]) => c.account === target.layer)) {
      const approvedModels = approveModels(config.models, lineage.map((l) => ({ layer: l.layer, ...(l.rules?.bedrock ? { rules: l.rules.bedrock } : {}) }))).approved;
      const statements = modelUserStatements({
        partition: governance.partition,
        accountId: target.id,
        models: approvedModels,
        ...(config.regions ? { regions: config.regions } : {}),
        buckets: config.s3,
        guardrails,
        source: formatPath(['modelUsers', name]),
      });
      const rendered = await renderRolePolicy(statements, name);
      if ('problems' in rendered) problems.push(...rendered.problems.map((p) => governance.problemAt(['modelUsers', name], p)));
      else modelUsers.push({ name, config, approvedModels, inlinePolicy: rendered.content });
    }
    if (canvas.length > 0 || modelUsers.length > 0) roles.set(target.layer, { target, canvas, modelUsers });
  }
  return { roles, problems };
}

/**
 * The guardrails a model call in `target` applies, as ARNs without a version: those the SCPs of its
 * lineage require a request to name, and those the organization policies of its lineage make
 * Bedrock apply. A guardrail modelgate creates for an organization policy gets its id at apply
 * time, in the management account: every guardrail of that account in its region stands for it.
 */
function guardrailsApplied(governance: ResolvedGovernance, target: Target, lineage: readonly LineageLayer[]): string[] {
  const named = lineage.flatMap((layer) => layer.rules?.bedrock?.requireGuardrail?.guardrails ?? []).map((arn) => arn.replace(/:\d+$/, ''));
  const enforced = governance.guardrailPolicies
    .filter((policy) => target.lineage.includes(policy.layer))
    .flatMap((policy) =>
      policy.guardrails.map((guardrail) =>
        guardrail.kind === 'arn' ? guardrail.arn : `arn:${governance.partition}:bedrock:${guardrail.region}:${governance.managementAccount}:guardrail/*`,
      ),
    );
  // modelUserStatements sorts them and drops repeats.
  return [...named, ...enforced];
}

async function compileCanvas(
  governance: ResolvedGovernance,
  target: Target,
  lineage: readonly LineageLayer[],
  name: string,
  config: CanvasWorkspaceConfig,
): Promise<CompiledCanvasWorkspace | { readonly problems: readonly RuleProblem[] }> {
  const executionRoleName = canvasExecutionRoleName(name);
  const bedrockRoleName = config.generativeAi ? canvasBedrockRoleName(name) : undefined;
  const workspaceBucket = config.workspaceS3Path ? /^s3:\/\/([^/]+)/.exec(config.workspaceS3Path)?.[1] : undefined;
  const statements = canvasExecutionStatements({
    partition: governance.partition,
    lineage,
    jumpstartModels: config.jumpstartModels,
    buckets: [...(workspaceBucket ? [workspaceBucket] : []), ...config.dataBuckets],
    ...(bedrockRoleName ? { bedrockRoleArn: `arn:${governance.partition}:iam::${target.id}:role/${bedrockRoleName}` } : {}),
    source: formatPath(['canvas', name]),
  });
  const rendered = await renderRolePolicy(statements, executionRoleName);
  if ('problems' in rendered) return rendered;
  return {
    name,
    config,
    executionRoleName,
    ...(bedrockRoleName ? { bedrockRoleName } : {}),
    profileRoleNames: Object.fromEntries(config.userProfiles.map((profile) => [profile, canvasProfileRoleName(name, profile)])),
    inlinePolicy: rendered.content,
  };
}

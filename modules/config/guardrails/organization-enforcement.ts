import type { ConfigLocator } from '../document/config-locator';
import type { ConfigPath, ConfigProblem } from '../document/problems';
import type { Target } from '../organization/resolve';
import { listOf } from '../private/list-of';
import type { GovernanceConfig } from '../schema';
import { isGuardrailArn } from './guardrail-arn';
import type { OrganizationGuardrailPolicyConfig } from './organization-policy-schema';

/**
 * `requireGuardrail.organizationPolicy`: the layers where an AWS Organizations Bedrock policy makes
 * Bedrock apply a management-account guardrail, checked and resolved.
 */

/** A guardrail an organization policy enforces, in the one region where it exists. */
export type EnforcedGuardrail =
  | {
      /** A `guardrails:` entry held by the management account: modelgate creates it and its version. */
      readonly kind: 'config';
      readonly name: string;
      readonly region: string;
    }
  | {
      /** A published version that exists outside modelgate. */
      readonly kind: 'arn';
      /** The guardrail ARN without the version. */
      readonly arn: string;
      readonly version: string;
      readonly region: string;
    };

/** One layer's Bedrock organization policy. */
export interface OrganizationGuardrailPolicy {
  /** "root" or an OU path. */
  readonly layer: string;
  readonly kind: 'root' | 'unit';
  /** The root or OU id the policy attaches to. */
  readonly targetId: string;
  /** The stack name of the layer, which names the policy (modelgate-guardrail-<stack>). */
  readonly stackName: string;
  /** Ordered by region. */
  readonly guardrails: readonly EnforcedGuardrail[];
  readonly contentGuarding?: NonNullable<OrganizationGuardrailPolicyConfig['contentGuarding']>;
  /** Present when the config limits the models; `include` is never empty (ALL by default). */
  readonly models?: { readonly include: readonly string[]; readonly exclude: readonly string[] };
  readonly configPath: ConfigPath;
}

const POLICY_PATH = ['bedrock', 'requireGuardrail', 'organizationPolicy'] as const;

/** Each layer's organizationPolicy, with the problems that make it impossible, all at once. */
export function checkOrganizationGuardrailPolicies(config: GovernanceConfig, at: ConfigLocator): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const { accounts, managementAccount, partition } = config.organization;
  for (const [layer, rules] of Object.entries(config.models)) {
    const requirement = rules.bedrock?.requireGuardrail;
    if (!requirement) continue;
    const base: ConfigPath = ['models', layer, 'bedrock', 'requireGuardrail'];
    if (requirement.guardrails === undefined && requirement.organizationPolicy === undefined) {
      problems.push(
        at.problem(base, 'requireGuardrail needs guardrails (ARNs a request must name, enforced by SCP) or organizationPolicy (a guardrail Bedrock applies, at the root or an OU), or both', {
          atKey: true,
        }),
      );
    }
    const policy = requirement.organizationPolicy;
    if (!policy) continue;
    const path: ConfigPath = ['models', layer, ...POLICY_PATH];
    if (accounts[layer] !== undefined) {
      problems.push(
        at.problem(path, `organization policies attach to the root or an OU, not to account "${layer}"; enforce the guardrail here with requireGuardrail.guardrails (the SCP route)`, {
          atKey: true,
        }),
      );
    }
    if (config.organization.id === undefined) {
      problems.push(at.problem(path, 'the guardrail resource policy that lets the organization apply the guardrail names the organization id; add organization.id (e.g. "id: o-a1b2c3d4e5")', { atKey: true }));
    }
    if (policy.contentGuarding !== undefined && policy.contentGuarding.system === undefined && policy.contentGuarding.messages === undefined) {
      problems.push(at.problem([...path, 'contentGuarding'], 'contentGuarding needs system or messages (selective or comprehensive); leave it out for the AWS default, comprehensive'));
    }
    const regions = new Map<string, number>();
    policy.guardrails.forEach((entry, index) => {
      const entryPath = [...path, 'guardrails', index];
      const region = enforcedRegion(config, entry);
      if (isGuardrailArn(entry)) {
        const [, arnPartition, , , account] = entry.split(':');
        if (account !== managementAccount) {
          problems.push(at.problem(entryPath, `guardrail account ${account} is not the management account ${managementAccount}: an organization policy can only enforce a guardrail the management account owns; use requireGuardrail.guardrails (the SCP route) for it`));
        }
        if (arnPartition !== partition) problems.push(at.problem(entryPath, `the ARN is in partition "${arnPartition}", the organization in "${partition}"`));
      } else {
        const guardrail = config.guardrails[entry];
        if (guardrail === undefined) {
          problems.push(at.problem(entryPath, `unknown guardrail "${entry}"; expected a name from guardrails:${listOf(Object.keys(config.guardrails))} or a guardrail version ARN`));
          return;
        }
        const holder = accounts[guardrail.account]?.id;
        if (holder !== undefined && holder !== managementAccount) {
          problems.push(
            at.problem(entryPath, `guardrail "${entry}" is held by account ${guardrail.account} (${holder}), not the management account: an organization policy can only enforce a guardrail the management account owns; hold it in the management account, or use requireGuardrail.guardrails (the SCP route)`),
          );
        }
      }
      const first = regions.get(region);
      if (first !== undefined) problems.push(at.problem(entryPath, `guardrails[${first}] already enforces a guardrail in ${region}: the policy takes one guardrail per region`));
      else regions.set(region, index);
    });
  }
  return problems;
}

/** The organization policy of each root or OU layer that has one, in target order. */
export function resolveOrganizationGuardrailPolicies(config: GovernanceConfig, targets: readonly Target[]): OrganizationGuardrailPolicy[] {
  return targets.flatMap((target) => {
    const policy = target.kind === 'account' ? undefined : target.rules?.bedrock?.requireGuardrail?.organizationPolicy;
    if (!policy || target.kind === 'account') return [];
    const guardrails = policy.guardrails.map((entry) => enforcedGuardrail(config, entry)).sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : 0));
    return [
      {
        layer: target.layer,
        kind: target.kind,
        targetId: target.id,
        stackName: target.stackName,
        guardrails,
        ...(policy.contentGuarding ? { contentGuarding: policy.contentGuarding } : {}),
        ...(policy.models ? { models: { include: policy.models.include ?? ['ALL'], exclude: policy.models.exclude ?? [] } } : {}),
        configPath: [...target.rulesPath, ...POLICY_PATH],
      },
    ];
  });
}

/** The names of the `guardrails:` entries some organization policy enforces: the root stack holds them. */
export function organizationEnforcedGuardrails(policies: readonly OrganizationGuardrailPolicy[]): ReadonlySet<string> {
  return new Set(policies.flatMap((policy) => policy.guardrails.flatMap((g) => (g.kind === 'config' ? [g.name] : []))));
}

function enforcedGuardrail(config: GovernanceConfig, entry: string): EnforcedGuardrail {
  const region = enforcedRegion(config, entry);
  if (!isGuardrailArn(entry)) return { kind: 'config', name: entry, region };
  const cut = entry.lastIndexOf(':');
  return { kind: 'arn', arn: entry.slice(0, cut), version: entry.slice(cut + 1), region };
}

/** A config guardrail is created in the deployment region; an ARN names its own. */
function enforcedRegion(config: GovernanceConfig, entry: string): string {
  return isGuardrailArn(entry) ? (entry.split(':')[3] ?? '') : config.deployment.region;
}

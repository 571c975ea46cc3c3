import { ConfigError, loadConfigFile, highestProviderMinimum, providerNeeds, raiseAwsProviderVersion, stackProviderNeeds, type ConfigProblem, type TargetKind } from '../../modules/config';
import { compileGovernance, PolicyCompileError, type CompiledGovernance } from '../../modules/policy';
import { NO_PROGRESS, type Progress } from '../../modules/progress';
import { auditStores } from './audit-stores';

/** The SCP budget of one attachment target: what modelgate would attach, against the limits. */
export interface TargetBudget {
  /** "root", an OU path or an account name: the key used in `models:`. */
  readonly layer: string;
  readonly kind: TargetKind;
  /** r-..., ou-... or the account id. */
  readonly id: string;
  /** The CDKTF stack that would hold its SCPs. */
  readonly stack: string;
  /** The hashicorp/aws versions that stack accepts: deployment.awsProviderVersion, raised where its resources need it. */
  readonly awsProviderVersion: string;
  /** Why the stack needs a newer hashicorp/aws release than the configured constraint allows, one line per feature. */
  readonly awsProviderNeeds: readonly string[];
  /** Every SCP modelgate would attach, with its length in characters. */
  readonly documents: readonly { readonly name: string; readonly characters: number }[];
  /** Characters of all those documents together. */
  readonly characters: number;
  /** Characters one SCP may hold. */
  readonly maxCharactersPerScp: number;
  readonly slots: {
    readonly limit: number;
    readonly fullAwsAccess: number;
    readonly existing: number;
    readonly modelgate: number;
    readonly free: number;
  };
}

/** What `validate` found: problems (errors stop synth, warnings do not) and, when valid, the budget per target. */
export interface ValidationReport {
  readonly config: string;
  readonly errors: readonly ConfigProblem[];
  readonly warnings: readonly ConfigProblem[];
  /** Every target of the organization, root first; empty when there are errors. */
  readonly targets: readonly TargetBudget[];
  /** Which audit store applies and where, one sentence each; empty when there are errors. */
  readonly auditStores: readonly string[];
}

/**
 * Loads, validates and compiles a governance file exactly as synth does (schema, cross-references,
 * IAM catalog, lock-out guard, packing within the limits and free slots), without building a cdktf
 * app or writing anything. `progress` is told how many targets are compiled.
 */
export async function validateConfig(file: string, progress: Progress = NO_PROGRESS): Promise<ValidationReport> {
  let loaded: ReturnType<typeof loadConfigFile>;
  try {
    loaded = loadConfigFile(file);
  } catch (error) {
    if (error instanceof ConfigError) return { config: file, errors: error.problems, warnings: [], targets: [], auditStores: [] };
    throw error;
  }
  const { governance, warnings } = loaded;
  let compiled: CompiledGovernance;
  try {
    compiled = await compileGovernance(governance, { onTarget: (done, total) => progress.update(done, total) });
  } catch (error) {
    if (!(error instanceof PolicyCompileError)) throw error;
    return { config: file, errors: [...error.problems].sort((a, b) => a.line - b.line || a.column - b.column), warnings, targets: [], auditStores: [] };
  }
  const needs = providerNeeds(governance);
  const provider = (t: CompiledGovernance['targets'][number]): StackProvider => {
    const own = stackProviderNeeds(needs, t.target.kind, t.target.layer);
    return {
      version: raiseAwsProviderVersion(governance.deployment.awsProviderVersion, highestProviderMinimum(own)),
      needs: own.map((n) => `${n.feature} needs >= ${n.minimum}`),
    };
  };
  return {
    config: file,
    errors: [],
    warnings,
    targets: compiled.targets.map((t) => budgetOf(t, governance.limits.maxCharacters, provider(t))),
    auditStores: auditStores(governance.monitoring),
  };
}

/** The provider constraint a stack writes, and why it is raised. */
interface StackProvider {
  readonly version: string;
  readonly needs: readonly string[];
}

function budgetOf(compiled: CompiledGovernance['targets'][number], maxCharactersPerScp: number, provider: StackProvider): TargetBudget {
  const { target, slots } = compiled;
  return {
    layer: target.layer,
    kind: target.kind,
    id: target.id,
    stack: target.stackName,
    awsProviderVersion: provider.version,
    awsProviderNeeds: provider.needs,
    documents: compiled.policies.map((p) => ({ name: p.name, characters: p.content.length })),
    characters: compiled.characters,
    maxCharactersPerScp,
    slots: { ...slots, free: slots.limit - slots.fullAwsAccess - slots.existing - slots.modelgate },
  };
}

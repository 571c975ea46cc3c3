import type { ResolvedGovernance } from '../../modules/config';
import { arnMatches, type DecisionRequest } from '../simulate';
import type { NamedModelGlobs } from './named-model-globs';
import { BEDROCK_MODEL_IDS, PUBLIC_HUB_MODEL_NAMES } from './representative-models';

/** The governance path a column is about, in the words of governance.yaml. */
export type GovernancePath = 'bedrock' | 'marketplace' | 'jumpstart' | 'customModelImport' | 'fineTuning';

/**
 * Where the policies a column is evaluated against come from. `scps`: the SCP chain of the row
 * (root -> OUs -> account) with an identity policy that allows everything, so that only the SCPs
 * decide. Requests by the generated roles themselves are the Roles section (`role-columns.ts`).
 */
export interface PolicySource {
  readonly kind: 'scps';
}

/** The request of a column, made by a principal of the row's account. */
export type ColumnRequest = Omit<DecisionRequest, 'principalArn'>;

/** One column of the effective-access matrix: a concrete request and where its policies come from. */
export interface AccessColumn {
  /** Stable key, used in the JSON report and to match cells across two reports. */
  readonly key: string;
  /** Short header, e.g. `deepseek.*` or `API keys (long-term)`. */
  readonly label: string;
  readonly path: GovernancePath;
  /** What the request is, in words, e.g. `InvokeModel on deepseek.r1-v1:0`. */
  readonly description: string;
  /** Set when no known model id matches the glob, so the request uses an id made from it. */
  readonly madeUpModel?: boolean;
  readonly source: PolicySource;
  /** The request a principal of `account` makes. */
  request(account: string): ColumnRequest;
}

const SCPS: PolicySource = { kind: 'scps' };

/**
 * The columns of the report: one per model glob the config names (Bedrock and Marketplace), a
 * model no rule names, and the fixed bypass and capability paths. Globs come from the config;
 * the decisions never do: every cell is evaluated against the synthesized policies.
 *
 * @param governance the resolved config
 * @param alsoNamed globs to show besides the config's, e.g. those a base output names in diff mode
 */
export function accessColumns(governance: ResolvedGovernance, alsoNamed: NamedModelGlobs = { bedrock: [], marketplace: [] }): AccessColumn[] {
  const { partition } = governance;
  const region = governance.deployment.region;
  const fm = (model: string): string => `arn:${partition}:bedrock:${region}::foundation-model/${model}`;
  const publicHubContent = (model: string): string =>
    `arn:${partition}:sagemaker:${region}:aws:hub-content/SageMakerPublicHub/Model/${model}/1.0.0`;
  const deployTagged = (hubContentArn: string) => (account: string): ColumnRequest => ({
    action: 'sagemaker:CreateEndpointConfig',
    resource: `arn:${partition}:sagemaker:${region}:${account}:endpoint-config/modelgate-report`,
    context: { 'aws:RequestTag/sagemaker-studio:hub-content-arn': hubContentArn },
  });

  const bedrockGlobs = [...new Set([...globsOf(governance, 'bedrock'), ...alsoNamed.bedrock])];
  const marketplaceGlobs = [...new Set([...globsOf(governance, 'marketplace'), ...alsoNamed.marketplace])];
  const bedrockColumns = representatives(bedrockGlobs, BEDROCK_MODEL_IDS).map(({ label, model, madeUp }): AccessColumn => ({
    key: `bedrock:${model}`,
    label,
    path: 'bedrock',
    description: `bedrock:InvokeModel on ${model}`,
    ...(madeUp ? { madeUpModel: true } : {}),
    source: SCPS,
    request: () => ({ action: 'bedrock:InvokeModel', resource: fm(model) }),
  }));
  const otherModel = unnamed(bedrockGlobs, BEDROCK_MODEL_IDS);
  const otherHubModel = unnamed(marketplaceGlobs, PUBLIC_HUB_MODEL_NAMES);
  const marketplaceColumns = representatives(marketplaceGlobs, PUBLIC_HUB_MODEL_NAMES).map(({ label, model, madeUp }): AccessColumn => ({
    key: `marketplace:${model}`,
    label: `Marketplace ${label}`,
    path: 'marketplace',
    description: `sagemaker:CreateEndpointConfig tagged with public hub model ${model}`,
    ...(madeUp ? { madeUpModel: true } : {}),
    source: SCPS,
    request: deployTagged(publicHubContent(model)),
  }));
  // The capability paths run on a model that an allow-list names and no deny-list does, so that
  // what decides them is the capability's own rule rather than a model rule.
  const allowGlobs = governance.targets.flatMap((t) => [...(t.rules?.bedrock?.allow ?? [])]);
  const denyGlobs = governance.targets.flatMap((t) => (Array.isArray(t.rules?.bedrock?.deny) ? [...t.rules.bedrock.deny] : []));
  const pathModel =
    BEDROCK_MODEL_IDS.find((m) => allowGlobs.some((g) => arnMatches(g, m)) && !denyGlobs.some((g) => arnMatches(g, m))) ?? otherModel;

  return [
    ...bedrockColumns,
    ...(otherModel === undefined
      ? []
      : [{
          key: `bedrock-other:${otherModel}`,
          label: 'Model no rule names',
          path: 'bedrock' as const,
          description: `bedrock:InvokeModel on ${otherModel}`,
          source: SCPS,
          request: () => ({ action: 'bedrock:InvokeModel', resource: fm(otherModel) }),
        }]),
    ...(pathModel === undefined
      ? []
      : [
          {
            key: 'openai-compatible-endpoint',
            label: 'OpenAI-compatible endpoint',
            path: 'bedrock' as const,
            description: `bedrock-mantle:CreateInference with bedrock-mantle:Model ${pathModel}`,
            source: SCPS,
            request: (account: string) => ({
              action: 'bedrock-mantle:CreateInference',
              resource: `arn:${partition}:bedrock-mantle:${region}:${account}:project/default`,
              context: { 'bedrock-mantle:Model': pathModel },
            }),
          },
          {
            key: 'fine-tuning',
            label: 'Fine-tuning',
            path: 'fineTuning' as const,
            description: `bedrock:CreateModelCustomizationJob on ${pathModel}`,
            source: SCPS,
            request: () => ({ action: 'bedrock:CreateModelCustomizationJob', resource: fm(pathModel) }),
          },
        ]),
    {
      key: 'api-keys-long-term',
      label: 'API keys (long-term)',
      path: 'bedrock',
      description: 'bedrock:CallWithBearerToken with a long-term key (bedrock:BearerTokenType LONG_TERM)',
      source: SCPS,
      request: () => ({ action: 'bedrock:CallWithBearerToken', resource: '*', context: { 'bedrock:BearerTokenType': 'LONG_TERM' } }),
    },
    {
      key: 'api-keys-short-term',
      label: 'API keys (short-term)',
      path: 'bedrock',
      description: 'bedrock:CallWithBearerToken with a short-term key (bedrock:BearerTokenType SHORT_TERM)',
      source: SCPS,
      request: () => ({ action: 'bedrock:CallWithBearerToken', resource: '*', context: { 'bedrock:BearerTokenType': 'SHORT_TERM' } }),
    },
    {
      key: 'custom-model-import',
      label: 'Custom model import',
      path: 'customModelImport',
      description: 'bedrock:CreateModelImportJob',
      source: SCPS,
      request: () => ({ action: 'bedrock:CreateModelImportJob', resource: '*' }),
    },
    ...marketplaceColumns,
    ...(otherHubModel === undefined
      ? []
      : [{
          key: `marketplace-other:${otherHubModel}`,
          label: 'Marketplace model no rule names',
          path: 'marketplace' as const,
          description: `sagemaker:CreateEndpointConfig tagged with public hub model ${otherHubModel}`,
          source: SCPS,
          request: deployTagged(publicHubContent(otherHubModel)),
        }]),
    {
      key: 'jumpstart-public-hub',
      label: 'JumpStart public hub',
      path: 'jumpstart',
      description: 'sagemaker:DescribeHub on the SageMaker public hub',
      source: SCPS,
      request: () => ({ action: 'sagemaker:DescribeHub', resource: `arn:${partition}:sagemaker:${region}:aws:hub/SageMakerPublicHub` }),
    },
    {
      key: 'jumpstart-private-hub',
      label: 'Private hub model',
      path: 'jumpstart',
      description: 'sagemaker:CreateEndpointConfig tagged with a model of a private hub in the account',
      source: SCPS,
      request: (account: string) =>
        deployTagged(`arn:${partition}:sagemaker:${region}:${account}:hub-content/private-hub/Model/meta-textgeneration-llama-3-8b/1.0.0`)(account),
    },
  ];
}

/** Every allow and deny glob of a path, in config order (root first), without duplicates. */
function globsOf(governance: ResolvedGovernance, path: 'bedrock' | 'marketplace'): string[] {
  const globs = governance.targets.flatMap((t) => {
    const rules = t.rules?.[path];
    return [...(Array.isArray(rules?.deny) ? rules.deny : []), ...(rules?.allow ?? [])];
  });
  return [...new Set(globs)];
}

/**
 * One representative model per glob: the first known id it matches, or an id made from the
 * glob when none does. Globs with the same representative share a column.
 */
function representatives(globs: readonly string[], known: readonly string[]): { label: string; model: string; madeUp: boolean }[] {
  const byModel = new Map<string, { labels: string[]; madeUp: boolean }>();
  for (const glob of globs) {
    const match = known.find((model) => arnMatches(glob, model));
    const model = match ?? glob.replace(/[*?]/g, 'x');
    const entry = byModel.get(model) ?? { labels: [], madeUp: match === undefined };
    entry.labels.push(glob);
    byModel.set(model, entry);
  }
  return [...byModel].map(([model, { labels, madeUp }]) => ({ label: labels.join(', '), model, madeUp }));
}

/** The first known model that no glob of the config names. */
function unnamed(globs: readonly string[], known: readonly string[]): string | undefined {
  return known.find((model) => !globs.some((glob) => arnMatches(glob, model)));
}

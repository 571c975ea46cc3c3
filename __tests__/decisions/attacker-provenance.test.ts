import { join } from 'node:path';
import { scpChainFor, type ScpLevel } from '../../cli/simulate';
import { SDK_OTHER_KEYS, objectArn, weightKeysOf } from '../support/jumpstart-weight-keys';
import { asRole, expectDecision, row, synthesizeToTemp, type DecisionCase } from '../support/synthesized-scps';

/**
 * An attacker's playbook against the Marketplace and JumpStart rules. They select SageMaker
 * deployments by tags the client writes, so an ordinary principal in a member account tries to
 * run a model its layer denies out of the rules' sight:
 *  1. strip the provenance tag from an existing deployment (DeleteTags), then invoke it;
 *  2. rewrite the tag to name an allowed model (AddTags on the existing resource);
 *  3. create an untagged SageMaker model from JumpStart's own weights: the execution role reads
 *     them from the JumpStart buckets inside the account, so the S3 read is the request to deny;
 *  4. start a container that downloads weights from the internet (network isolation).
 * Each route is decided on the SCP chain root -> OU -> account, with the legitimate requests
 * (tagged deployments of allowed models with their tag-on-create, private hub models, other
 * buckets, other tags) still allowed, and the break-glass role allowed everywhere. Every request
 * here is one the simulator evaluates (S3 object ARNs, aws:TagKeys lists, sagemaker:TaggingAction,
 * sagemaker:NetworkIsolation are all in its catalog), so no pattern is matched by hand.
 */

const FIXTURES = join(__dirname, '..', 'fixtures');
const EXAMPLE = join(__dirname, '..', '..', 'examples', 'governance.yaml');

const HUB_TAG = 'sagemaker-studio:hub-content-arn';
const MODEL_ID_TAG = 'sagemaker-sdk:jumpstart-model-id';
const DEEPSEEK = 'deepseek-llm-r1';
const LLAMA = 'meta-textgeneration-llama-3-8b';
const MISTRAL_FROM_HUB = 'huggingface-llm-mistral-7b-instruct';
const FALCON = 'huggingface-llm-falcon-7b-bf16';
const MOBILENET = 'pytorch-ic-mobilenet-v2';

const content = (model: string): string => `arn:aws:sagemaker:us-east-1:aws:hub-content/SageMakerPublicHub/Model/${model}/1.0.0`;
const sagemaker = (account: string, path: string): string => `arn:aws:sagemaker:us-east-1:${account}:${path}`;
/** The kinds of resource a Marketplace or JumpStart deployment is made of, each tagged. */
const DEPLOYMENT_KINDS = ['endpoint', 'endpoint-config', 'model', 'inference-component'] as const;

/** Routes 1 and 2 on every resource kind of a deployment of `model`, and the tag changes that stay allowed. */
function tagCases(account: string, principal: string, model: string): DecisionCase[] {
  return DEPLOYMENT_KINDS.flatMap((kind) => {
    const resource = sagemaker(account, `${kind}/${model.slice(0, 20)}`);
    const tagged = { [`aws:ResourceTag/${HUB_TAG}`]: content(model) };
    return [
      row(`DeleteTags ${HUB_TAG} from the ${kind} of ${model}`, principal, 'sagemaker:DeleteTags', resource, { ...tagged, 'aws:TagKeys': [HUB_TAG] }, 'Denied'),
      row(`DeleteTags ${MODEL_ID_TAG} from the ${kind} of ${model}`, principal, 'sagemaker:DeleteTags', resource, { ...tagged, 'aws:TagKeys': [MODEL_ID_TAG] }, 'Denied'),
      row(`DeleteTags of both tags and a harmless one from the ${kind}`, principal, 'sagemaker:DeleteTags', resource, { ...tagged, 'aws:TagKeys': ['team', HUB_TAG, MODEL_ID_TAG] }, 'Denied'),
      row(
        `AddTags rewriting ${HUB_TAG} of the ${kind} of ${model} to name ${LLAMA}`,
        principal,
        'sagemaker:AddTags',
        resource,
        { ...tagged, 'aws:TagKeys': [HUB_TAG], [`aws:RequestTag/${HUB_TAG}`]: content(LLAMA) },
        'Denied',
      ),
      row(`AddTags writing ${MODEL_ID_TAG} on the ${kind}`, principal, 'sagemaker:AddTags', resource, { 'aws:TagKeys': [MODEL_ID_TAG], [`aws:RequestTag/${MODEL_ID_TAG}`]: LLAMA }, 'Denied'),
      // No collateral damage: other tags are the account's business.
      row(`DeleteTags of another tag from the ${kind}`, principal, 'sagemaker:DeleteTags', resource, { ...tagged, 'aws:TagKeys': ['team'] }, 'Allowed'),
      row(`AddTags of another tag on the ${kind}`, principal, 'sagemaker:AddTags', resource, { 'aws:TagKeys': ['team'], 'aws:RequestTag/team': 'ml' }, 'Allowed'),
    ];
  });
}

/**
 * A legitimate deployment of `model` through the console or SDK: each Create call carries the tags,
 * and SageMaker authorizes them as AddTags with sagemaker:TaggingAction set to that call.
 */
function taggedDeploymentCases(account: string, principal: string, model: string, expected: 'Allowed' | 'Denied'): DecisionCase[] {
  const tags = { [`aws:RequestTag/${HUB_TAG}`]: content(model), [`aws:RequestTag/${MODEL_ID_TAG}`]: model };
  const createCalls = [
    ['sagemaker:CreateModel', 'model'],
    ['sagemaker:CreateEndpointConfig', 'endpoint-config'],
    ['sagemaker:CreateEndpoint', 'endpoint'],
  ] as const;
  return createCalls.flatMap(([action, kind]) => {
    const resource = sagemaker(account, `${kind}/${model.slice(0, 20)}`);
    const call = action.replace('sagemaker:', '');
    return [
      row(`${call} tagged with ${model}`, principal, action, resource, { ...tags, 'aws:TagKeys': [HUB_TAG, MODEL_ID_TAG] }, expected),
      // The tag-on-create authorization of the same call: never denied by the tag protection.
      row(`${call}'s tag-on-create (AddTags, TaggingAction ${call}) with ${model}`, principal, 'sagemaker:AddTags', resource, { ...tags, 'aws:TagKeys': [HUB_TAG, MODEL_ID_TAG], 'sagemaker:TaggingAction': call }, 'Allowed'),
    ];
  });
}

/**
 * Route 3: the execution role of an untagged CreateModel reads the weights of `model`, in every key
 * form, from the public bucket of two regions and from the gated bucket.
 */
function weightCases(principal: string, model: string, expected: 'Allowed' | 'Denied'): DecisionCase[] {
  const [hosting, prepacked, variant, infer, inferPrepack, train] = weightKeysOf(model);
  const reads: Array<readonly [string, string | undefined]> = [
    ['jumpstart-cache-prod-us-east-1', hosting],
    ['jumpstart-cache-prod-us-east-1', prepacked],
    ['jumpstart-cache-prod-us-east-1', variant],
    ['jumpstart-cache-prod-us-east-1', infer],
    ['jumpstart-cache-prod-us-east-1', inferPrepack],
    ['jumpstart-cache-prod-us-east-1', train],
    ['jumpstart-cache-prod-eu-west-1', hosting],
    ['jumpstart-private-cache-prod-us-west-2', prepacked],
    ['jumpstart-private-cache-prod-ap-southeast-2', train],
  ];
  return reads.map(([bucket, key]) => row(`GetObject ${model} weights s3://${bucket}/${key}`, principal, 's3:GetObject', objectArn(bucket, key ?? ''), undefined, expected));
}

/** Reads that no weight rule may touch: other buckets, and the JumpStart files that are not weights. */
function collateralCases(principal: string): DecisionCase[] {
  return [
    row('GetObject from a customer bucket', principal, 's3:GetObject', objectArn('acme-training-data', `datasets/${DEEPSEEK}/train.jsonl`), undefined, 'Allowed'),
    row('GetObject from the SageMaker default bucket', principal, 's3:GetObject', objectArn('sagemaker-us-east-1-222222222222', 'model/model.tar.gz'), undefined, 'Allowed'),
    ...SDK_OTHER_KEYS.map((key) => row(`GetObject of JumpStart's ${key}`, principal, 's3:GetObject', objectArn('jumpstart-cache-prod-us-east-1', key), undefined, 'Allowed')),
  ];
}

describe('deny-list (decisions-provenance.yaml: root denies Marketplace deepseek*), account deny-app', () => {
  const ACCOUNT = '222222222222';
  const DEV = `arn:aws:iam::${ACCOUNT}:role/Developer`;
  const EXECUTION_ROLE = `arn:aws:iam::${ACCOUNT}:role/SageMakerExecution`;
  let chain: ScpLevel[];

  beforeAll(async () => {
    const { outdir } = await synthesizeToTemp(join(FIXTURES, 'decisions-provenance.yaml'));
    chain = scpChainFor(outdir, ['r-pr0v', 'ou-pr0v-11111111', ACCOUNT]);
  });

  const cases: DecisionCase[] = [
    ...tagCases(ACCOUNT, DEV, DEEPSEEK),
    ...weightCases(EXECUTION_ROLE, DEEPSEEK, 'Denied'),
    ...weightCases(EXECUTION_ROLE, 'deepseek-llm-r1-distill-llama-8b', 'Denied'),
    // The tagged deepseek deployment is denied on create by the tag rules; its tag-on-create is not the denial.
    ...taggedDeploymentCases(ACCOUNT, DEV, DEEPSEEK, 'Denied'),
    ...taggedDeploymentCases(ACCOUNT, DEV, LLAMA, 'Allowed'),
    row(`InvokeEndpoint on a tagged ${LLAMA} endpoint`, DEV, 'sagemaker:InvokeEndpoint', sagemaker(ACCOUNT, 'endpoint/llama'), { [`aws:ResourceTag/${HUB_TAG}`]: content(LLAMA) }, 'Allowed'),
    ...weightCases(EXECUTION_ROLE, LLAMA, 'Allowed'),
    ...weightCases(EXECUTION_ROLE, FALCON, 'Allowed'),
    ...collateralCases(EXECUTION_ROLE),
  ];

  test.each(cases)('$name -> $expected', async (c) => {
    await expectDecision(chain, c);
  });

  test.each(asRole(cases.filter((c) => c.expected === 'Denied'), 'OrgBreakGlass'))('$name -> $expected', async (c) => {
    await expectDecision(chain, c);
  });
});

describe('allow-list (decisions-provenance.yaml: OU Allowlist allows Marketplace meta-textgeneration-llama*, its hub approves mistral-7b-instruct), account allow-app', () => {
  const ACCOUNT = '333333333333';
  const DEV = `arn:aws:iam::${ACCOUNT}:role/Developer`;
  const EXECUTION_ROLE = `arn:aws:iam::${ACCOUNT}:role/SageMakerExecution`;
  let chain: ScpLevel[];

  beforeAll(async () => {
    const { outdir } = await synthesizeToTemp(join(FIXTURES, 'decisions-provenance.yaml'));
    chain = scpChainFor(outdir, ['r-pr0v', 'ou-pr0v-22222222', ACCOUNT]);
  });

  const cases: DecisionCase[] = [
    ...tagCases(ACCOUNT, DEV, FALCON),
    ...taggedDeploymentCases(ACCOUNT, DEV, FALCON, 'Denied'),
    ...taggedDeploymentCases(ACCOUNT, DEV, LLAMA, 'Allowed'),
    // Route 3 with a lying tag: the create call names an allowed model and passes the tag rules...
    row(`CreateModel tagged as ${LLAMA}`, DEV, 'sagemaker:CreateModel', sagemaker(ACCOUNT, 'model/liar'), { [`aws:RequestTag/${HUB_TAG}`]: content(LLAMA) }, 'Allowed'),
    // ...but the weights it points at are another model's.
    ...weightCases(EXECUTION_ROLE, FALCON, 'Denied'),
    ...weightCases(EXECUTION_ROLE, MOBILENET, 'Denied'),
    ...weightCases(EXECUTION_ROLE, DEEPSEEK, 'Denied'),
    ...weightCases(EXECUTION_ROLE, 'huggingface-llm-mistral-7b', 'Denied'),
    ...weightCases(EXECUTION_ROLE, LLAMA, 'Allowed'),
    ...weightCases(EXECUTION_ROLE, 'meta-textgeneration-llama-3-1-70b', 'Allowed'),
    // Approved in the private hub shared with Allowlist: its deployments read the public weights.
    ...weightCases(EXECUTION_ROLE, MISTRAL_FROM_HUB, 'Allowed'),
    ...collateralCases(EXECUTION_ROLE),
  ];

  test.each(cases)('$name -> $expected', async (c) => {
    await expectDecision(chain, c);
  });

  test.each(asRole(cases.filter((c) => c.expected === 'Denied'), 'OrgBreakGlass'))('$name -> $expected', async (c) => {
    await expectDecision(chain, c);
  });
});

describe('public hub blocked, network isolation required (decisions-provenance.yaml: OU Curated), accounts curated-app and hub-home', () => {
  const ACCOUNT = '555555555555';
  const HUB_HOME = '444444444444';
  const DEV = `arn:aws:iam::${ACCOUNT}:role/Developer`;
  const EXECUTION_ROLE = `arn:aws:iam::${ACCOUNT}:role/SageMakerExecution`;
  const CURATOR = `arn:aws:iam::${HUB_HOME}:role/HubCurator`;
  let chain: ScpLevel[];
  let hubHomeChain: ScpLevel[];

  beforeAll(async () => {
    const { outdir } = await synthesizeToTemp(join(FIXTURES, 'decisions-provenance.yaml'));
    chain = scpChainFor(outdir, ['r-pr0v', 'ou-pr0v-33333333', ACCOUNT]);
    hubHomeChain = scpChainFor(outdir, ['r-pr0v', 'ou-pr0v-33333333', HUB_HOME]);
  });

  const isolation = (principal: string, action: string, kind: string, value: string | undefined): DecisionCase =>
    row(
      `${action.replace('sagemaker:', '')} with network isolation ${value ?? 'left out'} (the container could fetch weights from the internet)`,
      principal,
      action,
      sagemaker(principal.split(':')[4] ?? ACCOUNT, `${kind}/job`),
      value === undefined ? undefined : { 'sagemaker:NetworkIsolation': value },
      value === 'true' ? 'Allowed' : 'Denied',
    );
  /** The routes the JumpStart rules close, for a principal they do not exempt. */
  const jumpstartRoutes = (principal: string, executionRole: string): DecisionCase[] => [
    ...weightCases(executionRole, LLAMA, 'Denied'),
    ...weightCases(executionRole, FALCON, 'Denied'),
    // Published after the snapshot, under a prefix the cover already denies.
    ...weightCases(executionRole, 'huggingface-llm-qwen3-32b', 'Denied'),
    isolation(principal, 'sagemaker:CreateModel', 'model', 'false'),
    isolation(principal, 'sagemaker:CreateModel', 'model', undefined),
    isolation(principal, 'sagemaker:CreateTrainingJob', 'training-job', 'false'),
    isolation(principal, 'sagemaker:CreateTrainingJob', 'training-job', undefined),
    isolation(principal, 'sagemaker:CreateHyperParameterTuningJob', 'hyper-parameter-tuning-job', undefined),
  ];
  const cases: DecisionCase[] = [
    ...jumpstartRoutes(DEV, EXECUTION_ROLE),
    ...tagCases(ACCOUNT, DEV, LLAMA),
    ...weightCases(EXECUTION_ROLE, MISTRAL_FROM_HUB, 'Allowed'),
    isolation(DEV, 'sagemaker:CreateModel', 'model', 'true'),
    isolation(DEV, 'sagemaker:CreateTrainingJob', 'training-job', 'true'),
    isolation(DEV, 'sagemaker:CreateHyperParameterTuningJob', 'hyper-parameter-tuning-job', 'true'),
    ...collateralCases(EXECUTION_ROLE),
  ];

  test.each(cases)('$name -> $expected', async (c) => {
    await expectDecision(chain, c);
  });

  test.each(asRole(cases.filter((c) => c.expected === 'Denied'), 'OrgBreakGlass'))('$name -> $expected', async (c) => {
    await expectDecision(chain, c);
  });

  // The hub curator is the JumpStart rules' `except`: it may read weights and skip isolation. No
  // exemption reaches the tags: a curator that strips them would open the deployment to everyone.
  test.each([
    ...jumpstartRoutes(CURATOR, CURATOR).map((c) => ({ ...c, name: `HubCurator: ${c.name}`, expected: 'Allowed' as const })),
    ...tagCases(HUB_HOME, CURATOR, LLAMA).map((c) => ({ ...c, name: `HubCurator: ${c.name}` })),
  ])('$name -> $expected', async (c) => {
    await expectDecision(hubHomeChain, c);
  });
});

describe('the example (examples/governance.yaml): root blocks the public hub, Workloads/Prod denies every Marketplace model', () => {
  const PROD_APP = '333333333333';
  const SANDBOX_DEV = '222222222222';
  let prodApp: ScpLevel[];
  let sandboxDev: ScpLevel[];

  beforeAll(async () => {
    const { outdir } = await synthesizeToTemp(EXAMPLE);
    prodApp = scpChainFor(outdir, ['r-ab12', 'ou-ab12-22222222', 'ou-ab12-33333333', PROD_APP]);
    sandboxDev = scpChainFor(outdir, ['r-ab12', 'ou-ab12-11111111', SANDBOX_DEV]);
  });

  const ROLE = `arn:aws:iam::${PROD_APP}:role/SageMakerExecution`;
  const prodCases: DecisionCase[] = [
    ...weightCases(ROLE, DEEPSEEK, 'Denied'),
    ...weightCases(ROLE, LLAMA.replace('-8b', '-70b'), 'Denied'),
    ...weightCases(ROLE, MOBILENET, 'Denied'),
    ...tagCases(PROD_APP, `arn:aws:iam::${PROD_APP}:role/Developer`, DEEPSEEK),
    // The curated hub's models, shared with Workloads/Prod.
    ...weightCases(ROLE, MISTRAL_FROM_HUB, 'Allowed'),
    ...weightCases(ROLE, LLAMA, 'Allowed'),
    ...collateralCases(ROLE),
  ];

  test.each(prodCases)('prod-app: $name -> $expected', async (c) => {
    await expectDecision(prodApp, c);
  });

  test.each(asRole(prodCases.filter((c) => c.expected === 'Denied'), 'OrgBreakGlass'))('prod-app: $name -> $expected', async (c) => {
    await expectDecision(prodApp, c);
  });

  // What stays open: an SCP on the root reaches every account, so the weights of a hub model stay
  // readable wherever the root's rule applies, also where the hub is not shared (docs/rules.md, "what stays open").
  test.each([
    ...weightCases(`arn:aws:iam::${SANDBOX_DEV}:role/SageMakerExecution`, MISTRAL_FROM_HUB, 'Allowed').slice(0, 1),
    ...weightCases(`arn:aws:iam::${SANDBOX_DEV}:role/SageMakerExecution`, DEEPSEEK, 'Denied').slice(0, 1),
  ])('sandbox-dev: $name -> $expected', async (c) => {
    await expectDecision(sandboxDev, c);
  });
});

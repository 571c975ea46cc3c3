import { parseConfig } from '../../../modules/config';

const ORGANIZATION = `
organization:
  partition: aws-us-gov
  id: o-a1b2c3d4e5
  managementAccount: "111111111111"
  root: r-ab12
  units:
    Workloads: { id: ou-ab12-22222222, units: { Prod: { id: ou-ab12-33333333 } } }
  accounts:
    prod-app:        { id: "333333333333", unit: Workloads/Prod }
    shared-services: { id: "444444444444", unit: Workloads }
breakGlass: [arn:aws-us-gov:iam::*:role/OrgBreakGlass]
`;

describe('resolving jumpstartHubs', () => {
  const { governance, warnings } = parseConfig(
    `${ORGANIZATION}
jumpstartHubs:
  curated:
    account: shared-services
    description: Approved models
    models: [{ id: meta-textgeneration-llama-3-8b, minVersion: "2.0.0" }]
    shareWith: [organization, Workloads/Prod, prod-app]
    permission: read
  team-hub:
    account: prod-app
    hubName: TeamHub
    description: One team's models
    displayName: Team models
    searchKeywords: [team]
    storage: { bucket: acme-hub-content, prefix: team }
    models: [{ id: huggingface-llm-mistral-7b-instruct }]
    shareWith: [shared-services]
`,
    'governance.yaml',
  );
  const [curated, team] = governance.jumpstartHubs;

  test('accepts the hubs without warnings', () => {
    expect(warnings).toEqual([]);
  });

  test('turns share targets into RAM principals: the organization ARN, OU ARNs and account ids, in the partition of the organization', () => {
    expect(curated?.principals).toEqual([
      'arn:aws-us-gov:organizations::111111111111:organization/o-a1b2c3d4e5',
      'arn:aws-us-gov:organizations::111111111111:ou/o-a1b2c3d4e5/ou-ab12-33333333',
      '333333333333',
    ]);
    expect(team?.principals).toEqual(['444444444444']);
  });

  test('notes which hubs need RAM sharing with the organization: those shared with it or with an OU', () => {
    expect(governance.jumpstartHubs.map((h) => h.sharesWithOrganization)).toEqual([true, false]);
  });

  test('names the hub after its key unless hubName says otherwise, and resolves its account', () => {
    expect(governance.jumpstartHubs.map((h) => [h.name, h.account, h.accountId])).toEqual([
      ['curated', 'shared-services', '444444444444'],
      ['TeamHub', 'prod-app', '333333333333'],
    ]);
  });

  test('defaults: storage created by the stack, read-and-use permission, no display name or keywords', () => {
    const { governance: defaults } = parseConfig(`${ORGANIZATION}\njumpstartHubs:\n  plain: { account: prod-app, description: d, models: [{ id: a-model }] }\n`, 'governance.yaml');
    expect(defaults.jumpstartHubs[0]).toEqual(
      expect.objectContaining({ storage: { create: true }, permission: 'readAndUse', principals: [], searchKeywords: [], sharesWithOrganization: false }),
    );
    expect(defaults.jumpstartHubs[0]).not.toHaveProperty('displayName');
    expect(defaults.jumpstartHubs[0]).not.toHaveProperty('permissionArn');
    const named = 'arn:aws-us-gov:ram::aws:permission/AWSRAMPermissionSageMakerHubReadAndUse';
    const { governance: withArn } = parseConfig(`${ORGANIZATION}\njumpstartHubs:\n  plain: { account: prod-app, description: d, models: [{ id: a-model }], permissionArn: "${named}" }\n`, 'governance.yaml');
    expect(withArn.jumpstartHubs[0]?.permissionArn).toBe(named);
  });

  test('keeps the chosen permission, storage, display name, keywords and version floors', () => {
    expect(curated?.permission).toBe('read');
    expect(curated?.models).toEqual([{ id: 'meta-textgeneration-llama-3-8b', minVersion: '2.0.0' }]);
    expect(team).toEqual(expect.objectContaining({ storage: { create: false, bucket: 'acme-hub-content', prefix: 'team' }, displayName: 'Team models', searchKeywords: ['team'] }));
  });
});

describe('resolving guardrails', () => {
  const { governance } = parseConfig(
    `${ORGANIZATION}
guardrails:
  standard:
    account: prod-app
    description: Baseline
    contentFilters:
      violence: { input: HIGH, output: LOW }
      promptAttack: MEDIUM
      hate: HIGH
    deniedTopics:
      - { name: Investment advice, definition: Advice on securities., examples: ["Buy what?"] }
    pii: { US_SOCIAL_SECURITY_NUMBER: BLOCK, EMAIL: ANONYMIZE }
    blockedMessages: { input: Not here., output: Withheld. }
    version: { description: First }
`,
    'governance.yaml',
  );
  const [standard] = governance.guardrails;

  test('lists content filters in a fixed order, one strength meaning both directions, prompt attacks on input only', () => {
    expect(standard?.contentFilters).toEqual([
      { type: 'HATE', inputStrength: 'HIGH', outputStrength: 'HIGH' },
      { type: 'VIOLENCE', inputStrength: 'HIGH', outputStrength: 'LOW' },
      { type: 'PROMPT_ATTACK', inputStrength: 'MEDIUM', outputStrength: 'NONE' },
    ]);
  });

  test('lists PII entities alphabetically, whatever the file order', () => {
    expect(standard?.piiEntities).toEqual([
      { type: 'EMAIL', action: 'ANONYMIZE' },
      { type: 'US_SOCIAL_SECURITY_NUMBER', action: 'BLOCK' },
    ]);
  });

  test('keeps topics, messages, description, account and the version description', () => {
    expect(standard).toEqual(
      expect.objectContaining({
        name: 'standard',
        account: 'prod-app',
        accountId: '333333333333',
        description: 'Baseline',
        deniedTopics: [{ name: 'Investment advice', definition: 'Advice on securities.', examples: ['Buy what?'] }],
        blockedInputMessage: 'Not here.',
        blockedOutputMessage: 'Withheld.',
        versionDescription: 'First',
      }),
    );
  });
});

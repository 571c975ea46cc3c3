import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, type ResolvedGovernance } from '../../../modules/config';
import { hubModelsInReach } from '../../../modules/policy/hub-models-in-reach';
import { layerWeightContext } from '../../../modules/policy/layer-weight-context';

const ORG = `
organization:
  id: o-a1b2c3d4e5
  managementAccount: "111111111111"
  root: r-ab12
  units:
    Sandbox: { id: ou-ab12-11111111 }
    Workloads: { id: ou-ab12-22222222, units: { Prod: { id: ou-ab12-33333333 } } }
  accounts:
    dev:    { id: "222222222222", unit: Sandbox }
    app:    { id: "333333333333", unit: Workloads/Prod }
    shared: { id: "444444444444", unit: Workloads }
breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]
jumpstartHubs:
  for-prod:    { account: shared, description: d, models: [{ id: model-for-prod }], shareWith: [Workloads/Prod] }
  own-dev:     { account: dev, description: d, models: [{ id: model-of-dev }] }
  for-all:     { account: shared, description: d, models: [{ id: model-for-all }], shareWith: [organization] }
  for-app:     { account: shared, description: d, models: [{ id: model-for-app }], shareWith: [app] }
`;

function governanceOf(yaml: string): ResolvedGovernance {
  return parseConfig(yaml, 'governance.yaml').governance;
}

describe('hubModelsInReach: the hub models some account at or below a layer can use', () => {
  const governance = governanceOf(ORG);
  test.each<[string, string[]]>([
    ['root', ['model-for-all', 'model-for-app', 'model-for-prod', 'model-of-dev']],
    // dev holds its own hub; the organization-wide one reaches everyone.
    ['Sandbox', ['model-for-all', 'model-of-dev']],
    ['dev', ['model-for-all', 'model-of-dev']],
    // shared (below Workloads) holds three hubs, and Prod and app are below Workloads.
    ['Workloads', ['model-for-all', 'model-for-app', 'model-for-prod']],
    ['Workloads/Prod', ['model-for-all', 'model-for-app', 'model-for-prod']],
    ['app', ['model-for-all', 'model-for-app', 'model-for-prod']],
    ['shared', ['model-for-all', 'model-for-app', 'model-for-prod']],
  ])('%s -> %j', (layer, expected) => {
    const target = governance.targets.find((t) => t.layer === layer);
    if (!target) throw new Error(`no layer ${layer}`);
    expect(hubModelsInReach(target, governance.jumpstartHubs, governance.targets)).toEqual(expected);
  });
});

describe('layerWeightContext on the example', () => {
  const governance = governanceOf(readFileSync(join(__dirname, '..', '..', '..', 'examples', 'governance.yaml'), 'utf8'));
  const target = (layer: string) => {
    const found = governance.targets.find((t) => t.layer === layer);
    if (!found) throw new Error(`no layer ${layer}`);
    return found;
  };
  const HUB = ['huggingface-llm-mistral-7b-instruct', 'meta-textgeneration-llama-3-8b'];
  const ROOT_EXCEPT = ['arn:aws:iam::444444444444:role/MLPlatform', 'arn:aws:iam::444444444444:role/OrganizationAccountAccessRole'];

  test('the root: the curated hub\'s models stay readable, nothing above', () => {
    expect(layerWeightContext(target('root'), governance)).toEqual({ hubModels: HUB, inherited: [], denyUnapproved: true });
  });

  test('Workloads/Prod: the root\'s Marketplace and public hub denials reach it, without the exemptions pinned to shared-services (not below Prod)', () => {
    expect(layerWeightContext(target('Workloads/Prod'), governance)).toEqual({ hubModels: HUB, inherited: [{ kept: HUB, exempt: [] }, { kept: HUB, exempt: [] }], denyUnapproved: true });
  });

  test('shared-services keeps the exemptions pinned to its own account', () => {
    // The root's Marketplace denial (no exemption) and its public hub denial (the hub curators exempt).
    expect(layerWeightContext(target('shared-services'), governance).inherited).toEqual([{ kept: HUB, exempt: [] }, { kept: HUB, exempt: ROOT_EXCEPT }]);
  });

  test('Sandbox: no hub is shared with it, but the root keeps the hub\'s models readable for the whole organization', () => {
    expect(layerWeightContext(target('Sandbox'), governance)).toEqual({ hubModels: [], inherited: [{ kept: HUB, exempt: [] }, { kept: HUB, exempt: [] }], denyUnapproved: true });
  });
});

describe('jumpstart.weights: the nearest setting from the root down decides', () => {
  const governance = governanceOf(`${ORG}
models:
  root: { jumpstart: { publicHub: block, weights: denyListed } }
  Workloads: { jumpstart: { weights: denyUnapproved }, marketplace: { allow: [model-for-prod] } }
`);
  const context = (layer: string) => {
    const target = governance.targets.find((t) => t.layer === layer);
    if (!target) throw new Error(`no layer ${layer}`);
    return layerWeightContext(target, governance);
  };

  test.each([
    ['root', false],
    ['Sandbox', false],
    ['dev', false],
    ['Workloads', true],
    ['Workloads/Prod', true],
    ['app', true],
  ])('%s denies unapproved weights: %s', (layer, expected) => {
    expect(context(layer).denyUnapproved).toBe(expected);
  });

  test('a layer below the root inherits no denial from a root that denies listed models only', () => {
    // Only Workloads' allow-list denial: the root's public hub block denies listed models only.
    expect(context('Workloads/Prod').inherited).toEqual([{ kept: ['model-for-all', 'model-for-app', 'model-for-prod'], exempt: [] }]);
  });
});

import { approveModels, type LayerBedrockRules } from '../../../../modules/config/roles/approved-models';

const ROOT_DENIES_DEEPSEEK: LayerBedrockRules = { layer: 'root', rules: { deny: ['deepseek.*'] } };
const PROD_ALLOWS_SONNET: LayerBedrockRules = { layer: 'Workloads/Prod', rules: { allow: ['anthropic.claude-3-5-sonnet*'] } };
const ACCOUNT_WITHOUT_RULES: LayerBedrockRules = { layer: 'prod-app' };
const PROD_LINEAGE = [ROOT_DENIES_DEEPSEEK, { layer: 'Workloads' }, PROD_ALLOWS_SONNET, ACCOUNT_WITHOUT_RULES];

describe('approveModels', () => {
  test.each([
    ['an allowed model', ['anthropic.claude-3-5-sonnet-20240620-v1:0'], ['anthropic.claude-3-5-sonnet-20240620-v1:0'], []],
    ['the allow glob itself', ['anthropic.claude-3-5-sonnet*'], ['anthropic.claude-3-5-sonnet*'], []],
    ['a model outside the allow-list', ['amazon.nova-pro-v1:0'], [], [{ glob: 'amazon.nova-pro-v1:0', layer: 'Workloads/Prod' }]],
    ['a glob wider than the allow-list', ['anthropic.*'], [], [{ glob: 'anthropic.*', layer: 'Workloads/Prod' }]],
    ['a denied model is named at the first layer that denies it', ['deepseek.r1-v1:0'], [], [{ glob: 'deepseek.r1-v1:0', layer: 'root' }]],
    [
      'some allowed, some not, sorted and without duplicates',
      ['amazon.nova-pro-v1:0', 'anthropic.claude-3-5-sonnet*', 'anthropic.claude-3-5-sonnet*'],
      ['anthropic.claude-3-5-sonnet*'],
      [{ glob: 'amazon.nova-pro-v1:0', layer: 'Workloads/Prod' }],
    ],
  ])('%s', (_name, globs, approved, denied) => {
    expect(approveModels(globs, PROD_LINEAGE)).toEqual({ approved, denied });
  });

  test('a deny glob that overlaps a role glob in part denies the whole glob', () => {
    expect(approveModels(['*.r1-v1:0'], [ROOT_DENIES_DEEPSEEK])).toEqual({ approved: [], denied: [{ glob: '*.r1-v1:0', layer: 'root' }] });
  });

  test('"deny: all" at any layer denies every model', () => {
    expect(approveModels(['anthropic.claude-3-5-sonnet*'], [ROOT_DENIES_DEEPSEEK, { layer: 'Sandbox', rules: { deny: 'all' } }])).toEqual({
      approved: [],
      denied: [{ glob: 'anthropic.claude-3-5-sonnet*', layer: 'Sandbox' }],
    });
  });

  test('a lineage without bedrock rules approves everything', () => {
    expect(approveModels(['*'], [{ layer: 'root' }, ACCOUNT_WITHOUT_RULES]).approved).toEqual(['*']);
  });

  test('every allow-list of the lineage must cover the glob, not only one', () => {
    const lineage = [{ layer: 'root', rules: { allow: ['anthropic.*'] } }, { layer: 'Prod', rules: { allow: ['anthropic.claude-3-5-sonnet*', 'amazon.*'] } }];
    expect(approveModels(['amazon.nova-pro-v1:0', 'anthropic.claude-3-5-sonnet-v2'], lineage)).toEqual({
      approved: ['anthropic.claude-3-5-sonnet-v2'],
      denied: [{ glob: 'amazon.nova-pro-v1:0', layer: 'root' }],
    });
  });
});

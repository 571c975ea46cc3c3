import type { LayerRules } from '../../../../modules/config';
import { PROVENANCE_TAG_KEYS, provenanceTagStatements } from '../../../../modules/policy/rules/provenance-tags';
import type { RuleContext } from '../../../../modules/policy/rules/rule-context';

const BREAK_GLASS = 'arn:aws:iam::*:role/OrgBreakGlass';
const CONTEXT: RuleContext = { partition: 'aws', breakGlass: [BREAK_GLASS], layerPath: 'models.root' };

describe('provenanceTagStatements', () => {
  test.each<[string, LayerRules, string | undefined]>([
    ['no rules', {}, undefined],
    ['bedrock rules only', { bedrock: { deny: ['deepseek.*'] } }, undefined],
    ['Marketplace subscriptions only', { marketplace: { subscriptions: 'deny' } }, undefined],
    ['JumpStart rules that allow', { jumpstart: { publicHub: 'allow', networkIsolation: 'allow' } }, undefined],
    ['a Marketplace deny-list', { marketplace: { deny: ['deepseek*'] } }, 'models.root.marketplace'],
    ['a Marketplace allow-list', { marketplace: { allow: ['meta-textgeneration-llama*'] } }, 'models.root.marketplace'],
    ['Marketplace deny: all', { marketplace: { deny: 'all' } }, 'models.root.marketplace'],
    ['a JumpStart block', { jumpstart: { gatedModels: 'block' } }, 'models.root.jumpstart'],
    ['JumpStart network isolation', { jumpstart: { networkIsolation: 'require' } }, 'models.root.jumpstart'],
    ['both: the Marketplace rule is named', { marketplace: { deny: ['deepseek*'] }, jumpstart: { publicHub: 'block' } }, 'models.root.marketplace'],
  ])('%s -> %s', (_name, rules, source) => {
    const statements = provenanceTagStatements(rules, CONTEXT);
    expect(statements.map((s) => s.source)).toEqual(source ? [source, source] : []);
  });

  test('denies removing either tag, and writing it outside a Create call (tag-on-create has sagemaker:TaggingAction); no except, only break glass', () => {
    const rules: LayerRules = { marketplace: { deny: ['deepseek*'], except: ['arn:aws:iam::*:role/MLPlatform'] } };
    const tagKeys = { 'aws:TagKeys': ['sagemaker-studio:hub-content-arn', 'sagemaker-sdk:jumpstart-model-id'] };
    expect(PROVENANCE_TAG_KEYS).toEqual(tagKeys['aws:TagKeys']);
    expect(provenanceTagStatements(rules, CONTEXT).map((s) => s.statement)).toEqual([
      {
        Sid: 'DenyRemovingProvenanceTags',
        Effect: 'Deny',
        Action: ['sagemaker:DeleteTags'],
        Resource: ['*'],
        Condition: { 'ForAnyValue:StringEquals': tagKeys, ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS] } },
      },
      {
        Sid: 'DenyRewritingProvenanceTags',
        Effect: 'Deny',
        Action: ['sagemaker:AddTags'],
        Resource: ['*'],
        Condition: { 'ForAnyValue:StringEquals': tagKeys, Null: { 'sagemaker:TaggingAction': ['true'] }, ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS] } },
      },
    ]);
  });
});

import fc from 'fast-check';
import { KNOWN_MODELS, type LayerRules } from '../../../../modules/config';
import { jumpstartWeightArns } from '../../../../modules/policy/jumpstart-artifacts';
import {
  globsDenyingAllBut,
  impliesDenial,
  jumpstartWeightStatements,
  type WeightContext,
} from '../../../../modules/policy/rules/jumpstart-weights';
import type { RuleContext } from '../../../../modules/policy/rules/rule-context';
import { objectArn, patternMatcher, SDK_WEIGHT_KEYS, weightKeysOf } from '../../../support/jumpstart-weight-keys';

const BREAK_GLASS = 'arn:aws:iam::*:role/OrgBreakGlass';
const CURATOR = 'arn:aws:iam::444444444444:role/MLPlatform';
const CONTEXT: RuleContext = { partition: 'aws', breakGlass: [BREAK_GLASS], layerPath: 'models.root' };
const NOTHING_AROUND: WeightContext = { hubModels: [], inherited: [], denyUnapproved: true };
const HUB_MODELS = ['huggingface-llm-mistral-7b-instruct', 'meta-textgeneration-llama-3-8b'];
const IDS = KNOWN_MODELS.jumpstartOpenWeightModelIds;

function sids(rules: LayerRules, weights: WeightContext = NOTHING_AROUND): string[] {
  return jumpstartWeightStatements(rules, weights, CONTEXT).map((s) => s.statement.Sid);
}

/** Whether the weights of a model, in every key form, are denied by patterns (all forms agree). */
function deniedBy(matches: (arn: string) => boolean, modelId: string, pick: number): boolean {
  const verdicts = weightKeysOf(modelId, pick).map((key) => matches(objectArn(pick % 2 ? 'jumpstart-private-cache-prod-eu-west-1' : 'jumpstart-cache-prod-us-east-1', key)));
  expect(new Set(verdicts).size).toBe(1);
  return verdicts[0] ?? false;
}

describe('jumpstartWeightStatements: which statements each option produces', () => {
  test.each<[string, LayerRules, string[]]>([
    ['no rules', {}, []],
    ['Marketplace subscriptions only', { marketplace: { subscriptions: 'deny' } }, []],
    ['public hub allowed', { jumpstart: { publicHub: 'allow' } }, []],
    ['marketplace deny-list', { marketplace: { deny: ['deepseek*'] } }, ['DenyJumpStartWeightsOfDeniedModels']],
    ['marketplace allow-list', { marketplace: { allow: ['meta-textgeneration-llama*'] } }, ['DenyJumpStartWeightsNotAllowed']],
    ['marketplace deny: all', { marketplace: { deny: 'all' } }, ['DenyJumpStartWeightsOfAllMarketplaceModels']],
    ['publicHub: block', { jumpstart: { publicHub: 'block' } }, ['DenyJumpStartWeightsOfPublicHubModels']],
    // A deny of every model but the hub's, to the same principals, already denies what the allow-list would.
    ['allow-list and publicHub: block', { marketplace: { allow: ['meta-textgeneration-llama*'] }, jumpstart: { publicHub: 'block' } }, ['DenyJumpStartWeightsOfPublicHubModels']],
    ['deny: all and publicHub: block', { marketplace: { deny: 'all' }, jumpstart: { publicHub: 'block' } }, ['DenyJumpStartWeightsOfAllMarketplaceModels']],
    // The public hub rule exempts the curator, the Marketplace rule nobody: both are needed, the stronger one is kept.
    [
      'deny: all, and publicHub: block with an exception',
      { marketplace: { deny: 'all' }, jumpstart: { publicHub: 'block', except: [CURATOR] } },
      ['DenyJumpStartWeightsOfAllMarketplaceModels'],
    ],
    [
      'allow-list with an exception, and publicHub: block',
      { marketplace: { allow: ['meta-textgeneration-llama*'], except: [CURATOR] }, jumpstart: { publicHub: 'block' } },
      ['DenyJumpStartWeightsOfPublicHubModels'],
    ],
    [
      'deny: all with an exception, and publicHub: block with another',
      { marketplace: { deny: 'all', except: [CURATOR] }, jumpstart: { publicHub: 'block', except: [BREAK_GLASS.replace('OrgBreakGlass', 'Other')] } },
      ['DenyJumpStartWeightsOfAllMarketplaceModels', 'DenyJumpStartWeightsOfPublicHubModels'],
    ],
    ['allow-list of everything', { marketplace: { allow: ['*'] } }, []],
  ])('%s -> %j', (_name, rules, expected) => {
    expect(sids(rules)).toEqual(expected);
  });

  test('jumpstart.weights: denyListed keeps only the listed models\' denial', () => {
    const rules: LayerRules = { marketplace: { deny: ['deepseek*'], allow: ['meta-textgeneration-llama*'] }, jumpstart: { publicHub: 'block' } };
    // The public hub's denial keeps fewer models than the allow-list's, so it makes that one too.
    expect(sids(rules)).toEqual(['DenyJumpStartWeightsOfDeniedModels', 'DenyJumpStartWeightsOfPublicHubModels']);
    expect(sids(rules, { ...NOTHING_AROUND, denyUnapproved: false })).toEqual(['DenyJumpStartWeightsOfDeniedModels']);
  });

  test('a denial the layers above already make to the same principals is not repeated', () => {
    const rules: LayerRules = { marketplace: { deny: ['deepseek*'], allow: ['meta-textgeneration-llama*'] } };
    expect(sids(rules, { denyUnapproved: true, hubModels: [], inherited: [{ kept: [], exempt: [] }] })).toEqual(['DenyJumpStartWeightsOfDeniedModels']);
    expect(sids(rules, { denyUnapproved: true, hubModels: [], inherited: [{ kept: ['meta-textgeneration-llama*'], exempt: [] }] })).toEqual(['DenyJumpStartWeightsOfDeniedModels']);
    // Above, the curator may still read the weights: here it may not, so the denial stays.
    expect(sids(rules, { denyUnapproved: true, hubModels: [], inherited: [{ kept: [], exempt: [CURATOR] }] })).toEqual([
      'DenyJumpStartWeightsOfDeniedModels',
      'DenyJumpStartWeightsNotAllowed',
    ]);
    // Above, a model this layer does not allow stays readable: the denial stays.
    expect(sids(rules, { denyUnapproved: true, hubModels: [], inherited: [{ kept: ['huggingface-llm-mistral-7b-instruct'], exempt: [] }] })).toEqual([
      'DenyJumpStartWeightsOfDeniedModels',
      'DenyJumpStartWeightsNotAllowed',
    ]);
  });
});

describe('jumpstart weight statements', () => {
  test('a deny-list denies the weights of its globs to everyone but the break-glass principals and the rule\'s exceptions', () => {
    const [statement] = jumpstartWeightStatements({ marketplace: { deny: ['deepseek*'], except: [CURATOR] } }, NOTHING_AROUND, CONTEXT);
    expect(statement).toEqual({
      source: 'models.root.marketplace.deny',
      statement: {
        Sid: 'DenyJumpStartWeightsOfDeniedModels',
        Effect: 'Deny',
        Action: ['s3:GetObject'],
        Resource: [...jumpstartWeightArns('aws', 'deepseek*')].sort(),
        Condition: { ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS, CURATOR] } },
      },
    });
  });

  test('publicHub: block with no private hub denies every weight key with five patterns', () => {
    const [statement] = jumpstartWeightStatements({ jumpstart: { publicHub: 'block' } }, NOTHING_AROUND, CONTEXT);
    expect(statement?.source).toBe('models.root.jumpstart.publicHub');
    expect(statement?.statement.Resource).toEqual([
      'arn:aws:s3:::jumpstart-*cache-prod-*/*/*/artifacts/*',
      'arn:aws:s3:::jumpstart-*cache-prod-*/*/infer-*',
      'arn:aws:s3:::jumpstart-*cache-prod-*/*/infer-prepack-*',
      'arn:aws:s3:::jumpstart-*cache-prod-*/*/train-*',
      'arn:aws:s3:::jumpstart-*cache-prod-*/artifacts/*/*',
    ]);
  });

  test('never a NotResource: a Deny with NotResource in an SCP would reach all of S3', () => {
    const rules: LayerRules = { marketplace: { deny: ['deepseek*'], allow: ['meta-*'] }, jumpstart: { publicHub: 'block' } };
    for (const { statement } of jumpstartWeightStatements(rules, { denyUnapproved: true, hubModels: HUB_MODELS, inherited: [] }, CONTEXT)) {
      expect(statement.NotResource).toBeUndefined();
      expect(statement.Resource?.every((r) => r.startsWith('arn:aws:s3:::jumpstart-*cache-prod-*/'))).toBe(true);
    }
  });

  test('the hub models of the example keep their weights, every other known model and the SDK\'s keys of denied ones are denied', () => {
    const matches = patternMatcher(globsDenyingAllBut(HUB_MODELS).flatMap((g) => jumpstartWeightArns('aws', g)));
    for (const [id, key] of SDK_WEIGHT_KEYS.filter(([id]) => IDS.includes(id))) {
      expect(matches(objectArn('jumpstart-cache-prod-us-east-1', key))).toBe(!HUB_MODELS.includes(id));
    }
    IDS.forEach((id, i) => expect(deniedBy(matches, id, i)).toBe(!HUB_MODELS.includes(id)));
  });

  test('what stays open: a model published after the snapshot whose id shares no denied prefix (gpt-oss, not in the snapshot)', () => {
    expect(IDS).not.toContain('openai-reasoning-gpt-oss-20b');
    const matches = patternMatcher(globsDenyingAllBut(HUB_MODELS).flatMap((g) => jumpstartWeightArns('aws', g)));
    expect(deniedBy(matches, 'openai-reasoning-gpt-oss-20b', 0)).toBe(false);
    // One published later under a prefix the cover already denies is denied with it.
    expect(deniedBy(matches, 'huggingface-llm-qwen3-32b', 0)).toBe(true);
  });
});

describe('the cover of an allow-list (property)', () => {
  /** A kept glob: an exact snapshot id, or a snapshot id cut short and ending in `*`. */
  const keptGlob = fc.tuple(fc.constantFrom(...IDS), fc.nat(), fc.boolean()).map(([id, cut, exact]) => (exact ? id : `${id.slice(0, 3 + (cut % (id.length - 2)))}*`));

  test('no pattern reaches a kept model (known or published later), and every other known model is denied', () => {
    fc.assert(
      fc.property(fc.uniqueArray(keptGlob, { minLength: 1, maxLength: 4 }), fc.nat(), (kept, pick) => {
        const matches = patternMatcher(globsDenyingAllBut(kept).flatMap((g) => jumpstartWeightArns('aws', g)));
        const isKept = (id: string): boolean => kept.some((k) => patternMatcher([k])(id));
        IDS.forEach((id, i) => expect(deniedBy(matches, id, pick + i)).toBe(!isKept(id)));
        // A model published after the snapshot under a kept prefix stays readable.
        for (const glob of kept.filter((k) => k.endsWith('*'))) expect(deniedBy(matches, `${glob.slice(0, -1)}new-model-2027`, pick)).toBe(false);
      }),
      // Each run checks every key form of every model of the snapshot (about 6,000 keys): a few runs per test run, new ones each time.
      { numRuns: 8 },
    );
  });

  test('a denial that keeps fewer models denies every object one that keeps more would (impliesDenial)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(keptGlob, { maxLength: 2 }), fc.uniqueArray(keptGlob, { maxLength: 2 }), (fewer, extra) => {
        const earlier = { kept: [...new Set(fewer)].sort(), exempt: [] };
        const later = { kept: [...new Set([...fewer, ...extra])].sort(), exempt: [] };
        expect(impliesDenial(earlier, later)).toBe(true);
        const byEarlier = patternMatcher(globsDenyingAllBut(earlier.kept).flatMap((g) => jumpstartWeightArns('aws', g)));
        for (const glob of globsDenyingAllBut(later.kept)) {
          for (const arn of jumpstartWeightArns('aws', glob).map((p) => p.replace(/\*/g, 'x'))) expect(byEarlier(arn)).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });

  test.each<[string, string[], string[], boolean]>([
    ['same principals', [], [], true],
    ['fewer exemptions above', [], [CURATOR], true],
    ['an exemption above that this layer does not make', [CURATOR], [], false],
  ])('impliesDenial on principals: %s -> %s', (_name, above, here, expected) => {
    expect(impliesDenial({ kept: [], exempt: above }, { kept: [], exempt: here })).toBe(expected);
  });
});

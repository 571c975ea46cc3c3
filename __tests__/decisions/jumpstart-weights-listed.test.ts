import { scpChainFor, type ScpLevel } from '../../cli/simulate';
import { objectArn } from '../support/jumpstart-weight-keys';
import { synthesizeYaml } from '../support/synth-fixture';
import { expectDecision, row, type DecisionCase } from '../support/synthesized-scps';

/**
 * `jumpstart.weights: denyListed` trades closing the untagged-deployment route for SCP characters:
 * under it the weights of listed models stay denied and the others are readable, which the report
 * lists among the routes no SCP closes. A layer below can make the full denial again.
 */

const ORGANIZATION = `
organization:
  managementAccount: "111111111111"
  root: r-w1w1
  units:
    Budget: { id: ou-w1w1-aaaaaaaa }
    Strict: { id: ou-w1w1-bbbbbbbb }
  accounts:
    budget-dev: { id: "222222222222", unit: Budget }
    strict-dev: { id: "333333333333", unit: Strict }
breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]
models:
  root:
    marketplace: { deny: ["deepseek*"] }
    jumpstart: { publicHub: block, weights: denyListed }
    customModelImport: { deny: true }
  Strict:
    jumpstart: { weights: denyUnapproved, publicHub: block }
`;

const LLAMA_KEY = 'meta-textgeneration/meta-textgeneration-llama-3-1-70b/artifacts/inference/v2.0.0/';
const DEEPSEEK_KEY = 'deepseek-llm/deepseek-llm-r1-distill-qwen-7b/artifacts/inference/v1.0.0/';
const read = (account: string, key: string, expected: 'Allowed' | 'Denied', why: string): DecisionCase =>
  row(`${account}: GetObject ${key} (${why})`, `arn:aws:iam::${account}:role/SageMakerExecution`, 's3:GetObject', objectArn('jumpstart-cache-prod-us-east-1', key), undefined, expected);

describe('jumpstart.weights: denyListed at the root, denyUnapproved again in Strict', () => {
  const chains: Record<string, ScpLevel[]> = {};
  beforeAll(async () => {
    const { outdir } = await synthesizeYaml(ORGANIZATION);
    chains['222222222222'] = scpChainFor(outdir, ['r-w1w1', 'ou-w1w1-aaaaaaaa', '222222222222']);
    chains['333333333333'] = scpChainFor(outdir, ['r-w1w1', 'ou-w1w1-bbbbbbbb', '333333333333']);
  });

  test.each([
    read('222222222222', DEEPSEEK_KEY, 'Denied', 'listed in marketplace.deny'),
    read('222222222222', LLAMA_KEY, 'Allowed', 'denyListed: an unlisted model stays readable'),
    read('333333333333', DEEPSEEK_KEY, 'Denied', 'listed'),
    read('333333333333', LLAMA_KEY, 'Denied', 'Strict denies every model but the approved ones'),
  ])('$name -> $expected', async (c) => {
    await expectDecision(chains[c.principalArn.split(':')[4] ?? ''] ?? [], c);
  });
});

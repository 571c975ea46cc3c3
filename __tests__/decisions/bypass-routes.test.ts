import { join } from 'node:path';
import { scpChainFor, type ScpLevel } from '../../cli/simulate';
import { asRole, expectDecision, synthesizeToTemp, type DecisionCase, row } from '../support/synthesized-scps';

/**
 * The other doors to the same models: Bedrock API keys, service-specific credentials, the
 * OpenAI-compatible endpoint (bedrock-mantle), Claude Platform on AWS, AWS-managed MCP servers,
 * and the guardrail requirement. A model rule that leaves one of them open is bypassable.
 */

const FIXTURES = join(__dirname, '..', 'fixtures');

const NOVA = 'amazon.nova-pro-v1:0';
const SONNET_4 = 'anthropic.claude-sonnet-4-20250514-v1:0';
const fm = (model: string): string => `arn:aws:bedrock:us-east-1::foundation-model/${model}`;
/** bedrock-mantle actions are authorized on a project (IAM catalog: arn:${Partition}:bedrock-mantle:${Region}:${Account}:project/${ResourceId}). */
const mantleProject = (account: string): string => `arn:aws:bedrock-mantle:us-east-1:${account}:project/default`;
/** Claude Platform on AWS is authorized on a workspace (IAM catalog: ...:aws-external-anthropic:${Region}:${Account}:workspace/${ResourceId}). */
const claudeWorkspace = (account: string): string => `arn:aws:aws-external-anthropic:us-east-1:${account}:workspace/default`;
const iamUser = (account: string): string => `arn:aws:iam::${account}:user/alice`;


describe('deny-list (decisions-deny-list.yaml: apiKeys shortTermOnly, viaMcpServers deny at the root)', () => {
  const ACCOUNT = '444444444444';
  const DEV = `arn:aws:iam::${ACCOUNT}:role/Developer`;
  let chain: ScpLevel[];

  beforeAll(async () => {
    const { outdir } = await synthesizeToTemp(join(FIXTURES, 'decisions-deny-list.yaml'));
    chain = scpChainFor(outdir, ['r-d3n1', 'ou-d3n1-bbbbbbbb', ACCOUNT]);
  });

  const cases: DecisionCase[] = [
    row('bedrock:CallWithBearerToken with a long-term API key', DEV, 'bedrock:CallWithBearerToken', '*', { 'bedrock:BearerTokenType': 'LONG_TERM' }, 'Denied'),
    row('bedrock:CallWithBearerToken with a short-term API key', DEV, 'bedrock:CallWithBearerToken', '*', { 'bedrock:BearerTokenType': 'SHORT_TERM' }, 'Allowed'),
    row('bedrock-mantle:CallWithBearerToken with a long-term API key', DEV, 'bedrock-mantle:CallWithBearerToken', '*', { 'bedrock-mantle:BearerTokenType': 'LONG_TERM' }, 'Denied'),
    row('bedrock-mantle:CallWithBearerToken with a short-term API key', DEV, 'bedrock-mantle:CallWithBearerToken', '*', { 'bedrock-mantle:BearerTokenType': 'SHORT_TERM' }, 'Allowed'),
    row('iam:CreateServiceSpecificCredential for bedrock (a long-term API key)', DEV, 'iam:CreateServiceSpecificCredential', iamUser(ACCOUNT), { 'iam:ServiceSpecificCredentialServiceName': 'bedrock.amazonaws.com' }, 'Denied'),
    row('iam:CreateServiceSpecificCredential for codecommit', DEV, 'iam:CreateServiceSpecificCredential', iamUser(ACCOUNT), { 'iam:ServiceSpecificCredentialServiceName': 'codecommit.amazonaws.com' }, 'Allowed'),
    row('bedrock-mantle:CreateInference with deepseek', DEV, 'bedrock-mantle:CreateInference', mantleProject(ACCOUNT), { 'bedrock-mantle:Model': 'deepseek.r1-v1:0' }, 'Denied'),
    row('bedrock-mantle:CreateInference with mistral (denied by the Platform OU)', DEV, 'bedrock-mantle:CreateInference', mantleProject(ACCOUNT), { 'bedrock-mantle:Model': 'mistral.mistral-large-2402-v1:0' }, 'Denied'),
    row('bedrock-mantle:CountTokens with llama3-70b', DEV, 'bedrock-mantle:CountTokens', mantleProject(ACCOUNT), { 'bedrock-mantle:Model': 'meta.llama3-70b-instruct-v1:0' }, 'Denied'),
    row('bedrock-mantle:CreateInference with nova', DEV, 'bedrock-mantle:CreateInference', mantleProject(ACCOUNT), { 'bedrock-mantle:Model': NOVA }, 'Allowed'),
    // The root's deny-list names no anthropic. model, so Claude Platform stays open by default.
    row('aws-external-anthropic:CreateInference (Claude Platform on AWS)', DEV, 'aws-external-anthropic:CreateInference', claudeWorkspace(ACCOUNT), undefined, 'Allowed'),
    row('InvokeModel on nova through an AWS-managed MCP server', DEV, 'bedrock:InvokeModel', fm(NOVA), { 'aws:ViaAWSMCPService': 'true' }, 'Denied'),
    row('InvokeModelWithResponseStream on nova through an AWS-managed MCP server', DEV, 'bedrock:InvokeModelWithResponseStream', fm(NOVA), { 'aws:ViaAWSMCPService': 'true' }, 'Denied'),
    row('InvokeModel on nova, not through MCP', DEV, 'bedrock:InvokeModel', fm(NOVA), { 'aws:ViaAWSMCPService': 'false' }, 'Allowed'),
  ];

  test.each(cases)('$name -> $expected', async (c) => {
    await expectDecision(chain, c);
  });

  test.each(asRole(cases.filter((c) => c.expected === 'Denied'), 'OrgBreakGlass'))('$name -> $expected', async (c) => {
    await expectDecision(chain, c);
  });
});

describe('allow-list (decisions-allow-list.yaml: OU Strict with apiKeys deny; guarded-app requires a guardrail)', () => {
  const STRICT = '555555555555';
  const GUARDED = '777777777777';
  const BUILDERS = '666666666666';
  const DEV = `arn:aws:iam::${STRICT}:role/Developer`;
  const GUARDED_DEV = `arn:aws:iam::${GUARDED}:role/Developer`;
  const BUILDER = `arn:aws:iam::${BUILDERS}:role/Developer`;
  const APPROVED = `arn:aws:bedrock:us-east-1:${GUARDED}:guardrail/strict01`;
  const chains: Record<string, ScpLevel[]> = {};

  beforeAll(async () => {
    const { outdir } = await synthesizeToTemp(join(FIXTURES, 'decisions-allow-list.yaml'));
    chains[STRICT] = scpChainFor(outdir, ['r-a110', 'ou-a110-11111111', STRICT]);
    chains[GUARDED] = scpChainFor(outdir, ['r-a110', 'ou-a110-11111111', GUARDED]);
    chains[BUILDERS] = scpChainFor(outdir, ['r-a110', 'ou-a110-22222222', BUILDERS]);
  });
  const chainOf = (c: DecisionCase): ScpLevel[] => {
    const chain = chains[c.principalArn.split(':')[4] ?? ''];
    if (!chain) throw new Error(`no chain for ${c.principalArn}`);
    return chain;
  };

  const cases: DecisionCase[] = [
    row('bedrock:CallWithBearerToken with a short-term API key (apiKeys: deny)', DEV, 'bedrock:CallWithBearerToken', '*', { 'bedrock:BearerTokenType': 'SHORT_TERM' }, 'Denied'),
    row('bedrock:CallWithBearerToken with a long-term API key', DEV, 'bedrock:CallWithBearerToken', '*', { 'bedrock:BearerTokenType': 'LONG_TERM' }, 'Denied'),
    row('bedrock-mantle:CallWithBearerToken with a short-term API key', DEV, 'bedrock-mantle:CallWithBearerToken', '*', { 'bedrock-mantle:BearerTokenType': 'SHORT_TERM' }, 'Denied'),
    row('iam:CreateServiceSpecificCredential for bedrock', DEV, 'iam:CreateServiceSpecificCredential', iamUser(STRICT), { 'iam:ServiceSpecificCredentialServiceName': 'bedrock.amazonaws.com' }, 'Denied'),
    row('iam:CreateServiceSpecificCredential for codecommit', DEV, 'iam:CreateServiceSpecificCredential', iamUser(STRICT), { 'iam:ServiceSpecificCredentialServiceName': 'codecommit.amazonaws.com' }, 'Allowed'),
    row('bedrock-mantle:CreateInference with claude sonnet 4', DEV, 'bedrock-mantle:CreateInference', mantleProject(STRICT), { 'bedrock-mantle:Model': SONNET_4 }, 'Allowed'),
    row('bedrock-mantle:CreateInference with an open-weight model off the list', DEV, 'bedrock-mantle:CreateInference', mantleProject(STRICT), { 'bedrock-mantle:Model': 'openai.gpt-oss-120b-1:0' }, 'Denied'),
    row('bedrock-mantle:CreateInference naming no model', DEV, 'bedrock-mantle:CreateInference', mantleProject(STRICT), undefined, 'Denied'),
    row('Claude Platform on AWS under an allow-list (closed by default)', DEV, 'aws-external-anthropic:CreateInference', claudeWorkspace(STRICT), undefined, 'Denied'),
    row('Claude Platform on AWS where claudePlatform: allow', BUILDER, 'aws-external-anthropic:CreateInference', claudeWorkspace(BUILDERS), undefined, 'Allowed'),
    row('guarded-app: InvokeModel without a guardrail', GUARDED_DEV, 'bedrock:InvokeModel', fm(SONNET_4), undefined, 'Denied'),
    row('guarded-app: InvokeModelWithResponseStream without a guardrail', GUARDED_DEV, 'bedrock:InvokeModelWithResponseStream', fm(SONNET_4), undefined, 'Denied'),
    row('guarded-app: InvokeModel with the approved guardrail', GUARDED_DEV, 'bedrock:InvokeModel', fm(SONNET_4), { 'bedrock:GuardrailIdentifier': APPROVED }, 'Allowed'),
    row('guarded-app: InvokeModel with the approved guardrail, version 3', GUARDED_DEV, 'bedrock:InvokeModel', fm(SONNET_4), { 'bedrock:GuardrailIdentifier': `${APPROVED}:3` }, 'Allowed'),
    row('guarded-app: InvokeModel with another guardrail', GUARDED_DEV, 'bedrock:InvokeModel', fm(SONNET_4), { 'bedrock:GuardrailIdentifier': `arn:aws:bedrock:us-east-1:${GUARDED}:guardrail/permissive9` }, 'Denied'),
    row('strict-app (no guardrail rule): InvokeModel without a guardrail', DEV, 'bedrock:InvokeModel', fm(SONNET_4), undefined, 'Allowed'),
  ];

  test.each(cases)('$name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });

  test.each(asRole(cases.filter((c) => c.expected === 'Denied'), 'OrgBreakGlass'))('$name -> $expected', async (c) => {
    await expectDecision(chainOf(c), c);
  });
});

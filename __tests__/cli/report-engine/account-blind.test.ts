import { accountBlind } from '../../../cli/report';
import type { DecisionRequest, ScpStatement } from '../../../cli/simulate';

const ACCOUNT = '222222222222';
const invoke: DecisionRequest = {
  principalArn: `arn:aws:iam::${ACCOUNT}:role/ModelgateProbe`,
  action: 'bedrock:InvokeModel',
  resource: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0',
};
const endpointConfig: DecisionRequest = {
  principalArn: `arn:aws:iam::${ACCOUNT}:role/ModelgateProbe`,
  action: 'sagemaker:CreateEndpointConfig',
  resource: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:endpoint-config/modelgate-report`,
  context: { 'aws:RequestTag/sagemaker-studio:hub-content-arn': `arn:aws:sagemaker:us-east-1:${ACCOUNT}:hub-content/private-hub/Model/m/1.0.0` },
};

function deny(extra: Partial<ScpStatement>): ScpStatement {
  return { Effect: 'Deny', Action: ['*'], Resource: ['*'], ...extra };
}

test.each<[string, ScpStatement, DecisionRequest, boolean]>([
  ['a break-glass exemption with any account', deny({ Condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/OrgBreakGlass'] } } }), invoke, true],
  ['an exemption of another role name in one account', deny({ Condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::135113856228:role/MLPlatform'] } } }), invoke, true],
  ['an exemption of every role in one account', deny({ Condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::135113856228:role/*'] } } }), invoke, false],
  ['an account named in aws:PrincipalAccount', deny({ Condition: { StringEquals: { 'aws:PrincipalAccount': ['135113856228'] } } }), invoke, false],
  ['a numeric comparison of aws:PrincipalAccount', deny({ Condition: { NumericLessThan: { 'aws:PrincipalAccount': ['5'] } } }), invoke, false],
  ['a model id with digits against a resource without the account', deny({ Resource: ['arn:aws:bedrock:*::foundation-model/anthropic.claude-3-5*'] }), invoke, true],
  ['an account in a resource pattern against a resource with the account', deny({ Resource: ['arn:aws:sagemaker:*:135113856228:endpoint-config/*'] }), endpointConfig, false],
  ['a public hub pattern with digits against a private hub ARN with the account', deny({ Condition: { StringLike: { 'aws:RequestTag/sagemaker-studio:hub-content-arn': ['arn:aws:sagemaker:*:aws:hub-content/SageMakerPublicHub/Model/huggingface-llm-mistral-7b*/*'] } } }), endpointConfig, true],
  ['a key the request does not carry, with digits', deny({ Condition: { ArnNotLike: { 'bedrock:GuardrailIdentifier': ['arn:aws:bedrock:us-east-1:482495875300:guardrail/x1'] } } }), invoke, true],
  ['a policy variable', deny({ Resource: ['arn:aws:sagemaker:*:${aws:PrincipalAccount}:endpoint-config/*'] }), endpointConfig, false],
])('%s', (_name, statement, request, blind) => {
  expect(accountBlind([statement], request, ACCOUNT)).toBe(blind);
});

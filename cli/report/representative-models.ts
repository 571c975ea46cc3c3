/**
 * Real model ids the report uses to build concrete requests: a glob such as `deepseek.*` is
 * shown by the first id here that it matches. Order matters: the first match wins, so the ids a
 * platform team is most likely to name come first within a family.
 */
export const BEDROCK_MODEL_IDS: readonly string[] = [
  'anthropic.claude-3-5-sonnet-20240620-v1:0',
  'anthropic.claude-sonnet-4-20250514-v1:0',
  'anthropic.claude-3-haiku-20240307-v1:0',
  'amazon.nova-lite-v1:0',
  'amazon.nova-pro-v1:0',
  'amazon.titan-text-express-v1',
  'deepseek.r1-v1:0',
  'deepseek.v3-v1:0',
  'meta.llama3-70b-instruct-v1:0',
  'meta.llama3-8b-instruct-v1:0',
  'mistral.mistral-large-2402-v1:0',
  'cohere.command-r-plus-v1:0',
  'ai21.jamba-1-5-large-v1:0',
  'openai.gpt-oss-120b-1:0',
];

/** SageMaker public hub (JumpStart) model names, as they appear in hub-content ARNs. */
export const PUBLIC_HUB_MODEL_NAMES: readonly string[] = [
  'deepseek-llm-r1',
  'meta-textgeneration-llama-3-8b',
  'huggingface-llm-mistral-7b',
  'huggingface-llm-falcon-7b-bf16',
];

/**
 * JumpStart object keys for tests of the weight rules: real keys from the SageMaker Python SDK, and
 * a generator of keys in the same five forms for any model id.
 */
import { arnMatches } from '../../cli/simulate';
import { globRegExp } from '../../modules/config';

/**
 * Weight keys and the model they belong to, copied from aws/sagemaker-python-sdk: the spec
 * fixtures of tests/unit/sagemaker/jumpstart/constants.py (v2.257.6), the specs under
 * sagemaker-serve/tests/unit/servers/data/jumpstart_specs/ and the hub content document of
 * sagemaker-core/tests/unit/jumpstart/ (a24812666).
 */
export const SDK_WEIGHT_KEYS: ReadonlyArray<readonly [modelId: string, key: string]> = [
  ['meta-textgeneration-llama-3-1-70b', 'meta-textgeneration/meta-textgeneration-llama-3-1-70b/artifacts/inference/v2.0.0/'],
  ['meta-textgeneration-llama-3-1-70b', 'meta-textgeneration/meta-textgeneration-llama-3-1-70b/artifacts/inference-prepack/v2.0.0/'],
  ['meta-textgeneration-llama-3-1-70b', 'meta-training/train-meta-textgeneration-llama-3-1-70b.tar.gz'],
  ['meta-textgeneration-llama-3-1-70b', 'meta-training/g5/v1.0.0/train-meta-textgeneration-llama-3-1-70b.tar.gz'],
  ['meta-textgeneration-llama-3-2-1b', 'meta-textgeneration/meta-textgeneration-llama-3-2-1b/artifacts/inference-prepack/v1.0.0/'],
  ['openai-reasoning-gpt-oss-20b', 'openai-reasoning/openai-reasoning-gpt-oss-20b/artifacts/inference/v1.0.0/'],
  ['pytorch-ic-mobilenet-v2', 'pytorch-ic/pytorch-ic-mobilenet-v2/artifacts/inference/v2.0.0/'],
  ['pytorch-ic-mobilenet-v2', 'pytorch-training/v2.0.0/train-pytorch-ic-mobilenet-v2.tar.gz'],
  ['pytorch-ic-mobilenet-v2', 'pytorch-infer/infer-pytorch-ic-mobilenet-v2.tar.gz'],
  ['meta-textgeneration-llama-2-7b', 'artifacts/meta-textgeneration-llama-2-7b/gpu-inference/model/'],
  ['meta-textgeneration-llama-2-7b-f', 'meta-infer/infer-meta-textgeneration-llama-2-7b-f.tar.gz'],
  ['huggingface-llm-falcon-180b-bf16', 'huggingface-infer/v1.2.0/infer-huggingface-llm-falcon-180b-bf16.tar.gz'],
  ['huggingface-llm-falcon-180b-bf16', 'huggingface-infer/prepack/v1.2.0/infer-prepack-huggingface-llm-falcon-180b-bf16.tar.gz'],
  ['huggingface-text2text-flan-t5-xxl-fp16', 'huggingface-infer/prepack/v1.1.2/infer-prepack-huggingface-text2text-flan-t5-xxl-fp16.tar.gz'],
  ['catboost-classification-model', 'catboost-classification/catboost-classification-model/artifacts/inference-prepack/v1.0.1/'],
  ['tensorflow-ic-bit-m-r101x1-ilsvrc2012-classification-1', 'tensorflow-training/v3.0.0/train-tensorflow-ic-bit-m-r101x1-ilsvrc2012-classification-1.tar.gz'],
  ['meta-textgeneration-llama-2-13b-f', 'meta-textgeneration/meta-textgeneration-llama-2-13b-f/artifacts/inference-prepack/v1.1.0/'],
  ['meta-textgeneration-llama-2-13b-f', 'meta-training/v1.1.0/train-meta-textgeneration-llama-2-13b-f.tar.gz'],
  ['huggingface-llm-gemma-2b-instruct', 'huggingface-llm/huggingface-llm-gemma-2b-instruct/artifacts/inference/v1.0.0/'],
  [
    'model-depth2img-stable-diffusion-v1-5-controlnet-v1-1-fp16',
    'stabilityai-depth2img/model-depth2img-stable-diffusion-v1-5-controlnet-v1-1-fp16/artifacts/inference/v1.0.0/',
  ],
];

/** Keys in the same buckets that are not weights (scripts, EULAs, data sets, notebooks, specs), same source. */
export const SDK_OTHER_KEYS: readonly string[] = [
  'source-directory-tarballs/meta/inference/textgeneration/v1.2.3/sourcedir.tar.gz',
  'source-directory-tarballs/training/meta-textgeneration/prepack/inference-meta-textgeneration/v1.2.0/sourcedir.tar.gz',
  'fmhMetadata/eula/llama3_1Eula.txt',
  'huggingface-llm/fmhMetadata/terms/gemmaTerms.txt',
  'training-datasets/sec_amazon/',
  'pmm-notebooks/pmm-notebook-model-hub-text-generation-deploy.ipynb',
  'community_models/meta-textgeneration-llama-2-7b/specs_v4.13.0.json',
  'recipes/llmft_gpt_oss_20b_seq4k_gpu_sft_lora_override_params_k8s_v2.3.1.json',
];

/** Folder names the SDK's keys use around the model id: families, versions, variants. */
export const KEY_FOLDERS = {
  family: ['meta-textgeneration', 'huggingface-llm', 'pytorch-ic', 'huggingface-infer', 'meta-training', 'tensorflow-training', 'stabilityai-depth2img'],
  version: ['v1.0.0', 'v2.0.0', 'v1.2.0'],
  variant: ['g5', 'p4d', 'prepack', 'gpu-inference', 'neuron-inference', 'gpu-training-budget'],
} as const;

/** The weight keys of a model in each of the five forms, with the folders chosen by index. */
export function weightKeysOf(modelId: string, pick = 0): string[] {
  const family = KEY_FOLDERS.family[pick % KEY_FOLDERS.family.length] ?? '';
  const version = KEY_FOLDERS.version[pick % KEY_FOLDERS.version.length] ?? '';
  const variant = KEY_FOLDERS.variant[pick % KEY_FOLDERS.variant.length] ?? '';
  return [
    `${family}/${modelId}/artifacts/inference/${version}/`,
    `${family}/${modelId}/artifacts/inference-prepack/${version}/model.safetensors`,
    `artifacts/${modelId}/${variant}/model/`,
    `${family}/${version}/infer-${modelId}.tar.gz`,
    `${family}/prepack/${version}/infer-prepack-${modelId}.tar.gz`,
    `${family}/${variant}/${version}/train-${modelId}.tar.gz`,
  ];
}

/** The S3 object ARN of a key in a bucket. */
export function objectArn(bucket: string, key: string, partition = 'aws'): string {
  return `arn:${partition}:s3:::${bucket}/${key}`;
}

/** Whether any of the patterns (Resource list entries) matches the object ARN, as IAM's ArnLike does for S3. */
export function anyPatternMatches(patterns: readonly string[], arn: string): boolean {
  return patterns.some((p) => arnMatches(p, arn));
}

/** One matcher for many patterns (a Resource list): the same answer as {@link anyPatternMatches}, faster. */
export function patternMatcher(patterns: readonly string[]): (arn: string) => boolean {
  const regex = globRegExp(patterns);
  return (arn) => regex.test(arn);
}

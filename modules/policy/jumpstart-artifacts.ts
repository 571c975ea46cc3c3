import { globsOverlap } from './glob-overlap';

/**
 * Where SageMaker JumpStart keeps model weights, as S3 object ARN patterns per model-id glob.
 *
 * Verified in aws/sagemaker-python-sdk: `region_config.json` (src/sagemaker/jumpstart/ in v2.257.6,
 * sagemaker-core/src/sagemaker/core/jumpstart/ in v3 at a24812666) names, in each of 44 regions, the
 * `content_bucket` jumpstart-cache-prod-<region> and the `gated_content_bucket`
 * jumpstart-private-cache-prod-<region>; `artifacts/model_uris.py` reads s3://<bucket>/<key> with the
 * spec's hosting_artifact_key, hosting_prepacked_artifact_key or training_artifact_key, and private
 * hub content points at the same buckets (HostingArtifactUri in the hub content documents of the unit
 * tests). The keys in the spec fixtures (tests/unit/sagemaker/jumpstart/constants.py,
 * sagemaker-serve/tests/unit/servers/data/jumpstart_specs/*.json) take five forms, each naming the
 * model id as a whole path segment or between a fixed word and the file extension:
 *   <family>/<model-id>/artifacts/inference[-prepack]/<version>/
 *   artifacts/<model-id>/<variant>/model/
 *   <family>/[<version>/]infer-<model-id>.tar.gz
 *   <family>/prepack/<version>/infer-prepack-<model-id>.tar.gz
 *   <family>/[<variant>/][<version>/]train-<model-id>.tar.gz
 * Notebooks, EULAs, scripts, training data and specs live under other keys and stay readable. The
 * third bucket of region_config.json, sagemaker-sd-models-prod-<region> (`neo_content_bucket`), holds
 * speculative-decoding draft models under names that are not JumpStart model ids.
 */

/** Both JumpStart buckets of every region: jumpstart-cache-prod-<region>, jumpstart-private-cache-prod-<region>. */
export const JUMPSTART_BUCKETS = 'jumpstart-*cache-prod-*';

/**
 * The object key patterns of the weights of the models a model-id glob matches. Model ids hold
 * letters, digits and hyphens only, so an exact id ends at the next `/` or `.`; a glob ending in `*`
 * runs on.
 */
export function jumpstartWeightKeys(glob: string): string[] {
  const file = glob.endsWith('*') ? glob : `${glob}.*`;
  return [`*/${glob}/artifacts/*`, `artifacts/${glob}/*`, `*/infer-${file}`, `*/infer-prepack-${file}`, `*/train-${file}`];
}

/** The S3 object ARN patterns of {@link jumpstartWeightKeys} in the JumpStart buckets. */
export function jumpstartWeightArns(partition: string, glob: string): string[] {
  return jumpstartWeightKeys(glob).map((key) => `arn:${partition}:s3:::${JUMPSTART_BUCKETS}/${key}`);
}

/**
 * Whether the weight keys of a denied glob could match a weight key of a kept model (glob). The
 * forms share their anchors (`/artifacts/`, `/infer-`, `/train-`), so only two overlaps are
 * possible: the same model id, and `infer-<denied>` reaching `infer-prepack-<kept>` (a denied
 * `p*` is a prefix of `prepack-...`). This holds because no JumpStart model id starts with `infer-`,
 * `prepack-` or `train-` and no family, version or variant folder is named `artifacts` or starts
 * with `infer-` or `train-` (checked against the snapshot and the key forms in the tests).
 */
export function weightGlobReaches(deniedGlob: string, keptGlob: string): boolean {
  return globsOverlap(deniedGlob, keptGlob) || globsOverlap(deniedGlob, `prepack-${keptGlob}`);
}

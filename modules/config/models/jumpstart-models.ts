import snapshot from './jumpstart-model-ids.json';

/**
 * Model ids known at a date (see `retrieved` and `source` in jumpstart-model-ids.json). Rules that deny
 * "every model but these" need a list of the others; models published after the date are not on
 * it. Refresh the file from its source, keeping the date and source with the ids.
 */
export interface KnownModels {
  /** The day the ids were taken from the source, YYYY-MM-DD. */
  readonly retrieved: string;
  readonly source: string;
  /** JumpStart models whose weights SageMaker reads from the JumpStart S3 buckets. */
  readonly jumpstartOpenWeightModelIds: readonly string[];
  /** JumpStart models sold as AWS Marketplace model packages (no weights in the JumpStart buckets). */
  readonly jumpstartProprietaryModelIds: readonly string[];
}

export const KNOWN_MODELS: KnownModels = {
  retrieved: snapshot.retrieved,
  source: snapshot.source,
  jumpstartOpenWeightModelIds: snapshot.jumpstart.openWeightModelIds,
  jumpstartProprietaryModelIds: snapshot.jumpstart.proprietaryModelIds,
};

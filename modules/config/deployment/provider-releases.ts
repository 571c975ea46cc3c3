/**
 * The hashicorp/aws releases that features need beyond the default constraint: one constant per
 * feature, with the source that dates it. Imports nothing, so the schema's descriptions and the
 * list of stacks that need them can both read it.
 */

/** The first hashicorp/aws release with aws_sagemaker_hub_content_reference (provider PR #48379): hubs with models need it. */
export const HUB_CONTENT_REFERENCE_PROVIDER_VERSION = '6.51.0';

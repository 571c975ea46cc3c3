/**
 * The hashicorp/aws releases that features need beyond the default constraint: one constant per
 * feature, with the source that dates it. Imports nothing, so the schema's descriptions and the
 * list of stacks that need them can both read it.
 */

/** The first hashicorp/aws release with aws_sagemaker_hub_content_reference (provider PR #48379): hubs with models need it. */
export const HUB_CONTENT_REFERENCE_PROVIDER_VERSION = '6.51.0';

/**
 * aws_organizations_policy checks `type` against the AWS SDK enum it bundles; BEDROCK_POLICY entered
 * the AWS models on 2025-11-25 and the provider documented it in PR #45488 (2025-12-08), so 6.26.0
 * is the first release known to accept it: the root stack of Bedrock organization policies needs it.
 */
export const BEDROCK_POLICY_PROVIDER_VERSION = '6.26.0';

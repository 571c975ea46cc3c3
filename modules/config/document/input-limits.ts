/**
 * The documented bounds of a governance file. Each keeps the work of a run linear and bounded:
 * past them a config is refused with a located error instead of running out of time or memory.
 * docs/safety.md ("Limits") lists them with their reasons.
 */

/**
 * Bytes read from the governance file. 50,000 accounts take about 2.9 MB; locating the problems of
 * a file (a second, position-keeping parse) takes about 100 bytes of memory per byte of it.
 */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/**
 * Values (mappings, lists and scalars, each counted every time an alias repeats it) a document may
 * hold. A YAML alias costs a few bytes and can repeat a whole subtree ("billion laughs"), so the
 * limit applies to the document as it is read, aliases expanded.
 */
export const MAX_VALUES = 1_000_000;

/** How deep mappings and lists may nest, aliases expanded; the deepest path of the schema needs about 15. */
export const MAX_NESTING = 64;

/**
 * Accounts in `organization.accounts`. AWS Organizations grants up to 10,000 accounts on request
 * (Organizations quotas, "Number of accounts"; some editions of the page say 50,000).
 */
export const MAX_ACCOUNTS = 50_000;

/** OUs in an organization: the AWS Organizations quota (Organizations quotas, "Number of OUs in an organization"). */
export const MAX_UNITS = 2_000;

/** OU nesting under the root: AWS allows five levels for service control policies (CreateOrganizationalUnit). */
export const MAX_UNIT_DEPTH = 5;

/**
 * Characters of an account or OU name: the AWS limit for OU names (CreateOrganizationalUnit Name,
 * 1-128), which is also more than AWS allows for account names (50).
 */
export const MAX_NAME_LENGTH = 128;

/**
 * Characters of a stack name (`ou-<path>`, `account-<name>`): SCP names are modelgate-<stack>-<n>,
 * and AWS Organizations allows policy names of 128 characters.
 */
export const MAX_STACK_NAME_LENGTH = 128 - 'modelgate-'.length - '-10'.length;

/**
 * Accounts with a stack of their own (rules of their own, hubs, guardrails, Canvas, model users,
 * or member-account monitoring). Synth holds every stack in memory: measured on a shared 2-core
 * machine, 10,000 account stacks of SCPs synthesize in 21 s and 300 MB.
 */
export const MAX_ACCOUNT_STACKS = 10_000;

/**
 * Member accounts times monitoring regions, when alerts, invocation logging or dashboards are
 * placed in every member account: measured, 3,000 account-regions (1,500 accounts in 2 regions)
 * synthesize in 62 s and 1.1 GB, about 20 ms and 350 KB each, most of it in cdktf itself.
 */
export const MAX_MONITORED_ACCOUNT_REGIONS = 3_000;

/** Problems printed for one file: past them, one line says how many more there are. */
export const MAX_REPORTED_PROBLEMS = 100;

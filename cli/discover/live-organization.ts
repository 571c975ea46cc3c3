/** An SCP attached directly to a root, OU or account. */
export interface LivePolicy {
  /** p-... (the AWS managed FullAWSAccess is p-FullAWSAccess). */
  readonly id: string;
  readonly name: string;
  readonly awsManaged: boolean;
}

/** An organizational unit as AWS Organizations reports it. */
export interface LiveUnit {
  readonly id: string;
  readonly name: string;
  /** The root or OU it is in. */
  readonly parentId: string;
  readonly policies: readonly LivePolicy[];
}

/** A member account (or the management account) as AWS Organizations reports it. */
export interface LiveAccount {
  readonly id: string;
  readonly name: string;
  readonly parentId: string;
  /** ACTIVE, SUSPENDED, PENDING_CLOSURE...; undefined when AWS does not say. */
  readonly state?: string;
  readonly policies: readonly LivePolicy[];
}

/** A whole organization, read by `readOrganization`. Units are listed parents first; siblings by name. */
export interface LiveOrganization {
  readonly id: string;
  readonly partition: string;
  readonly managementAccountId: string;
  readonly root: { readonly id: string; readonly policies: readonly LivePolicy[]; readonly scpsEnabled: boolean };
  readonly units: readonly LiveUnit[];
  readonly accounts: readonly LiveAccount[];
}

/** True for the AWS managed FullAWSAccess SCP, which modelgate accounts for with `fullAwsAccess`. */
export function isFullAwsAccess(policy: LivePolicy): boolean {
  return policy.id === 'p-FullAWSAccess' || (policy.awsManaged && policy.name === 'FullAWSAccess');
}

/** True for the SCPs modelgate itself creates (modelgate-<stack>-<n>): they are not someone else's slots. */
export function isModelgatePolicy(policy: LivePolicy): boolean {
  return !policy.awsManaged && /^modelgate-[a-z0-9-]+-\d+$/.test(policy.name);
}

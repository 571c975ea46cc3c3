import { renderDocument } from '../render';

/** Who may assume a role: accounts (their administrators delegate further) and AWS services. */
export interface TrustedPrincipals {
  readonly partition: string;
  /** 12-digit account ids. */
  readonly accounts?: readonly string[];
  /** Service principals such as sagemaker.amazonaws.com. */
  readonly services?: readonly string[];
  /**
   * Only requests a service makes on behalf of this account (`aws:SourceAccount`): the
   * confused-deputy guard AWS recommends for service roles.
   */
  readonly sourceAccount?: string;
}

/** A role trust policy as literal minified JSON, principals sorted. */
export function trustPolicy(trusted: TrustedPrincipals): string {
  const accounts = [...new Set(trusted.accounts ?? [])].sort().map((id) => `arn:${trusted.partition}:iam::${id}:root`);
  const services = [...new Set(trusted.services ?? [])].sort();
  const principal: Record<string, string[]> = {};
  if (accounts.length > 0) principal.AWS = accounts;
  if (services.length > 0) principal.Service = services;
  return renderDocument([
    {
      Sid: '',
      Effect: 'Allow',
      Principal: principal,
      Action: ['sts:AssumeRole'],
      ...(trusted.sourceAccount ? { Condition: { StringEquals: { 'aws:SourceAccount': [trusted.sourceAccount] } } } : {}),
    },
  ]);
}

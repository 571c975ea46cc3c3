import { createHash } from 'node:crypto';

const PREFIX = 'modelgate-hub-';
/** S3 bucket names are at most 63 characters. */
const MAX_LENGTH = 63;

/**
 * The name of the bucket a hub's content lives in when the stack creates it:
 * `modelgate-hub-<hub>-<account id>`, lower case, within S3's naming rules. The account id keeps
 * it unique across the organization; a hub name that had to be shortened or lower-cased gets a
 * short hash of the original, so two hub names never share a bucket.
 */
export function hubBucketName(hubName: string, accountId: string): string {
  const room = MAX_LENGTH - PREFIX.length - accountId.length - 1;
  const slug = hubName.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  if (slug === hubName && slug.length <= room) return `${PREFIX}${slug}-${accountId}`;
  const hash = createHash('sha256').update(hubName).digest('hex').slice(0, 8);
  const kept = slug.slice(0, room - hash.length - 1).replace(/-$/, '');
  return `${PREFIX}${kept}-${hash}-${accountId}`;
}

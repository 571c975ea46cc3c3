import { z } from 'zod';

/** A written acknowledgement: who decided and why, kept in the file for the next reviewer. */
const reason = z
  .string()
  .min(20, { message: 'a sentence of at least 20 characters saying who approved this and why' })
  .max(1000, { message: 'at most 1,000 characters' });

export const acknowledgementsSchema = z
  .strictObject({
    rootAllowListWithoutBreakGlass: reason
      .optional()
      .describe('breakGlass is "none" and the root has an allow-list: nobody, not even the platform team, can use or repair access to other models anywhere. Write who approved this and why.'),
    existingCloudTrailLake: reason
      .optional()
      .describe('monitoring.eventDataStore is set: CloudTrail Lake takes no new customers since May 31, 2026. Write who checked that the organization already uses Lake, and when.'),
    auditTrailObjectLock: reason
      .optional()
      .describe('monitoring.auditTrail.objectLock is set: S3 Object Lock cannot be turned off once the bucket has it. Write who approved this and why.'),
  })
  .optional()
  .describe('Decisions that modelgate refuses, or warns about, unless they are acknowledged in writing.');

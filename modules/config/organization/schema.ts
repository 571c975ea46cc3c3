import { z } from 'zod';
import { MAX_NAME_LENGTH } from '../document/input-limits';
import { NAME } from '../private/schema-parts';

/** The `organization:` section: the partition, the root, the OUs and the accounts, and the SCP limits. */

const ACCOUNT_ID = /^\d{12}$/;
const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/;

const existingPolicies = z
  .array(z.string().min(1))
  .optional()
  .describe('SCPs that other tools (Control Tower, security baselines) already attach here: each takes a slot.');

const unitName = z
  .string()
  .regex(NAME, { message: 'a unit name of letters, digits, _ . -' })
  .max(MAX_NAME_LENGTH, { message: `a unit name of at most ${MAX_NAME_LENGTH} characters` });

interface UnitInput {
  id: string;
  existingPolicies?: string[];
  units?: Record<string, UnitInput>;
}

const unitSchema: z.ZodType<UnitInput> = z.lazy(() =>
  z.strictObject({
    id: z.string().regex(OU_ID, { message: 'an OU id such as "ou-ab12-11111111"' }),
    existingPolicies,
    units: z.record(unitName, unitSchema).optional(),
  }),
);

export const organizationSchema = z.strictObject({
  partition: z.enum(['aws', 'aws-us-gov', 'aws-cn']).default('aws').describe('The AWS partition of the organization.'),
  id: z
    .string()
    .regex(/^o-[a-z0-9]{10,32}$/, { message: 'an organization id such as "o-a1b2c3d4e5"' })
    .optional()
    .describe('The organization id (o-...): needed by features that name the organization, such as sharing with it.'),
  managementAccount: z.string().regex(ACCOUNT_ID, { message: 'a 12-digit account id in quotes, e.g. "111111111111"' }),
  root: z.union(
    [
      z.string().regex(ROOT_ID, { message: 'a root id such as "r-ab12"' }),
      z.strictObject({ id: z.string().regex(ROOT_ID, { message: 'a root id such as "r-ab12"' }), existingPolicies }),
    ],
    { error: 'a root id such as "r-ab12", or { id: r-ab12, existingPolicies: [...] }' },
  ),
  fullAwsAccess: z
    .enum(['attached', 'replaced'])
    .default('attached')
    .describe('Whether the AWS managed FullAWSAccess SCP stays attached to every target (it takes a slot).'),
  scpLimits: z
    .union([
      z.enum(['current', 'legacy']),
      z.strictObject({
        maxCharacters: z.number().int().min(1000).max(10240),
        maxPoliciesPerTarget: z.number().int().min(1).max(10),
      }),
    ], { error: '"current", "legacy", or { maxCharacters: <1000..10240>, maxPoliciesPerTarget: <1..10> }' })
    .default('current')
    .describe('SCP limits: "current" = 10,240 characters and 10 per target; "legacy" = 5,120 and 5.'),
  units: z.record(unitName, unitSchema).default({}),
  accounts: z
    .record(
      z
        .string()
        .regex(NAME, { message: 'an account name of letters, digits, _ . -' })
        .max(MAX_NAME_LENGTH, { message: `an account name of at most ${MAX_NAME_LENGTH} characters` }),
      z.strictObject({
        id: z.string().regex(ACCOUNT_ID, { message: 'a 12-digit account id in quotes, e.g. "222222222222"' }),
        unit: z.string().min(1).optional().describe('Parent OU path such as "Workloads/Prod"; omitted: the root.'),
        existingPolicies,
      }),
    )
    .default({}),
});

export type OrganizationConfig = z.infer<typeof organizationSchema>;

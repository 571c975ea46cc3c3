import { z } from 'zod';
import { acknowledgementsSchema } from './acknowledgements/schema';
import { deploymentSchema, stateSchema } from './deployment/schema';
import { breakGlassSchema, exemptPrincipalsSchema } from './exemptions/schema';
import { guardrailsSchema } from './guardrails/schema';
import { jumpstartHubsSchema } from './hubs/schema';
import { modelsSchema } from './models/schema';
import { monitoringSchema } from './monitoring/schema';
import { organizationSchema } from './organization/schema';
import { canvasSchema } from './roles/canvas-schema';
import { modelUsersSchema } from './roles/model-users-schema';

/**
 * The schema of governance.yaml, assembled from the schema of each section. It is the single
 * source of truth for the TypeScript types, for validation, and for the committed JSON Schema
 * (`governance.schema.json`) that editors use.
 */
export const governanceSchema = z
  .strictObject({
    organization: organizationSchema,
    breakGlass: breakGlassSchema,
    exemptPrincipals: exemptPrincipalsSchema,
    models: modelsSchema,
    canvas: canvasSchema,
    modelUsers: modelUsersSchema,
    jumpstartHubs: jumpstartHubsSchema,
    guardrails: guardrailsSchema,
    state: stateSchema,
    deployment: deploymentSchema,
    monitoring: monitoringSchema.optional(),
    acknowledgements: acknowledgementsSchema,
  })
  .describe('modelgate governance: which AI models each layer of an AWS Organization may use.');

export type GovernanceConfig = z.infer<typeof governanceSchema>;

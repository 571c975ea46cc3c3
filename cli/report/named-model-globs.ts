import { statementsOfPolicy, type SynthesizedPolicies } from '../simulate';

/** Model globs, by the path whose rules name them. */
export interface NamedModelGlobs {
  /** Bedrock model id globs, e.g. `deepseek.*`. */
  readonly bedrock: readonly string[];
  /** SageMaker public hub model name globs, e.g. `deepseek*`. */
  readonly marketplace: readonly string[];
}

const FOUNDATION_MODEL = /:foundation-model\/(.+)$/;
const PUBLIC_HUB_MODEL = /:hub-content\/SageMakerPublicHub\/Model\/([^/]+)\/\*$/;

/**
 * The model globs that synthesized SCPs name, read from their resource patterns and condition
 * values. In diff mode the base output's globs become columns too, so that a rule the change
 * removes from the config still shows what it used to deny.
 */
export function modelGlobsIn(policies: SynthesizedPolicies): NamedModelGlobs {
  const bedrock = new Set<string>();
  const marketplace = new Set<string>();
  for (const attached of policies.values()) {
    for (const policy of attached) {
      for (const statement of statementsOfPolicy(policy.content)) {
        const values = [
          ...(statement.Resource ?? []),
          ...(statement.NotResource ?? []),
          ...Object.values(statement.Condition ?? {}).flatMap((keys) => Object.values(keys).flat()),
        ];
        for (const value of values) {
          const model = FOUNDATION_MODEL.exec(value)?.[1];
          if (model !== undefined && model !== '*') bedrock.add(model);
          const hubModel = PUBLIC_HUB_MODEL.exec(value)?.[1];
          if (hubModel !== undefined && hubModel !== '*') marketplace.add(hubModel);
        }
      }
    }
  }
  return { bedrock: [...bedrock].sort(), marketplace: [...marketplace].sort() };
}

import { CANVAS_POLICY_NAME, canvasExecutionRoleName, canvasProfileRoleName, MODEL_USER_POLICY_NAME, type ResolvedGovernance } from '../../modules/config';
import type { SynthesizedRole } from '../simulate';

/** What a generated role is for, known from the inline policy modelgate writes on it. */
export type GeneratedRoleKind = 'canvas' | 'modelUser';

/** A role modelgate generates to use models: a Canvas execution role or a model user. */
export interface GeneratedRole {
  readonly kind: GeneratedRoleKind;
  /** The role's ARN: the principal of every request of its row. */
  readonly arn: string;
  /** The account layer the role lives in, or its id when the config names no such account. */
  readonly layer: string;
  /** The role as synthesized. */
  readonly role: SynthesizedRole;
  /** The config entry the role belongs to, e.g. `canvas.analytics` (absent when none matches its name). */
  readonly configEntry?: string;
  /** Canvas roles: the workspace's `jumpstartModels` globs (empty when no entry matches). */
  readonly jumpstartModels: readonly string[];
  /** Model users: the `models` globs (empty when no entry matches). */
  readonly models: readonly string[];
  /** Model users: the first S3 location they may read, if any. */
  readonly bucket?: { readonly bucket: string; readonly prefix?: string };
}

/**
 * The synthesized roles that carry modelgate's Canvas governance policy or a model user's allow
 * policy, in stack and logical-id order. Which roles they are and what they may do comes from
 * cdktf.out; the config only names them and gives the models their columns request.
 *
 * @param governance the resolved config (partition, account names, the entries for labels)
 * @param roles every role read from the account stacks
 */
export function generatedRoles(governance: ResolvedGovernance, roles: readonly SynthesizedRole[]): GeneratedRole[] {
  const layerOf = new Map(governance.targets.filter((t) => t.kind === 'account').map((t) => [t.id, t.layer]));
  return roles.flatMap((role): GeneratedRole[] => {
    const policyNames = role.inlinePolicies.map((p) => p.name);
    const kind: GeneratedRoleKind | undefined = policyNames.includes(CANVAS_POLICY_NAME)
      ? 'canvas'
      : policyNames.includes(MODEL_USER_POLICY_NAME)
        ? 'modelUser'
        : undefined;
    if (kind === undefined) return [];
    const layer = layerOf.get(role.account) ?? role.account;
    const common = {
      kind,
      arn: `arn:${governance.partition}:iam::${role.account}:role${role.path}${role.name}`,
      layer,
      role,
    };
    if (kind === 'canvas') {
      const workspace = Object.entries(governance.canvas).find(
        ([name, ws]) =>
          ws.account === layer &&
          (canvasExecutionRoleName(name) === role.name || ws.userProfiles.some((p) => canvasProfileRoleName(name, p) === role.name)),
      );
      return [{ ...common, ...(workspace ? { configEntry: `canvas.${workspace[0]}` } : {}), jumpstartModels: workspace?.[1].jumpstartModels ?? [], models: [] }];
    }
    const user = governance.modelUsers[role.name];
    const matching = user?.account === layer ? user : undefined;
    const s3 = matching?.s3[0];
    return [
      {
        ...common,
        ...(matching ? { configEntry: `modelUsers.${role.name}` } : {}),
        jumpstartModels: [],
        models: matching?.models ?? [],
        ...(s3 ? { bucket: { bucket: s3.bucket, ...(s3.prefix ? { prefix: s3.prefix } : {}) } } : {}),
      },
    ];
  });
}

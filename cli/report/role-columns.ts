import type { ResolvedGovernance } from '../../modules/config';
import { JUMPSTART_MODEL_ID_TAG } from '../../modules/policy';
import { arnMatches } from '../simulate';
import type { AccessColumn, ColumnRequest } from './access-columns';
import type { GeneratedRole, GeneratedRoleKind } from './generated-roles';
import { BEDROCK_MODEL_IDS, PUBLIC_HUB_MODEL_NAMES } from './representative-models';

/** One column of the Roles section: a request a generated role makes with its own ARN. */
export interface RoleColumn {
  /** Stable key, used in the JSON report and to match cells across two reports. */
  readonly key: string;
  readonly label: string;
  /** What the request is, in words. */
  readonly description: string;
  /** The kinds of role the column is about; other roles have no cell in it. */
  readonly kinds: readonly GeneratedRoleKind[];
  /** The request the role makes, or undefined when the column does not apply to this role. */
  request(role: GeneratedRole): ColumnRequest | undefined;
}

/** The object key the S3 columns read. */
const OBJECT_KEY = 'modelgate-report.txt';
/** A bucket no model user is given. */
const OTHER_BUCKET = 'modelgate-report-other-bucket';

/**
 * The columns of the Roles section: the Bedrock model columns of the main matrix; for Canvas
 * roles, JumpStart endpoint creation with an approved model-id tag, another tag and none; for
 * model users, a system inference profile of their first model and S3 reads in and out of their
 * bucket. The model ids come from the config's globs; the decisions never do.
 *
 * @param governance the resolved config (partition and region)
 * @param matrixColumns the columns of the main matrix
 */
export function roleColumns(governance: ResolvedGovernance, matrixColumns: readonly AccessColumn[]): RoleColumn[] {
  const { partition } = governance;
  const region = governance.deployment.region;
  const endpointConfig = (role: GeneratedRole, tag?: string): ColumnRequest => ({
    action: 'sagemaker:CreateEndpointConfig',
    resource: `arn:${partition}:sagemaker:${region}:${role.role.account}:endpoint-config/modelgate-report`,
    ...(tag === undefined ? {} : { context: { [JUMPSTART_MODEL_ID_TAG]: tag } }),
  });
  const getObject = (bucket: string, key: string): ColumnRequest => ({ action: 's3:GetObject', resource: `arn:${partition}:s3:::${bucket}/${key}` });

  const bedrock = matrixColumns
    .filter((c) => c.path === 'bedrock' && (c.key.startsWith('bedrock:') || c.key.startsWith('bedrock-other:')))
    .map((c): RoleColumn => ({
      key: c.key,
      label: c.label,
      description: c.description,
      kinds: ['canvas', 'modelUser'],
      request: (role) => c.request(role.role.account),
    }));
  return [
    ...bedrock,
    {
      key: 'jumpstart-endpoint-approved-tag',
      label: 'JumpStart endpoint, approved model',
      description: `sagemaker:CreateEndpointConfig tagged ${tagKey()} with a model the workspace's jumpstartModels names`,
      kinds: ['canvas'],
      request: (role) => {
        const glob = role.jumpstartModels[0];
        if (role.kind !== 'canvas' || glob === undefined) return undefined;
        return endpointConfig(role, PUBLIC_HUB_MODEL_NAMES.find((m) => arnMatches(glob, m)) ?? glob.replace(/[*?]/g, 'x'));
      },
    },
    {
      key: 'jumpstart-endpoint-other-tag',
      label: 'JumpStart endpoint, other model',
      description: `sagemaker:CreateEndpointConfig tagged ${tagKey()} with a model the workspace's jumpstartModels does not name`,
      kinds: ['canvas'],
      request: (role) => {
        const other = PUBLIC_HUB_MODEL_NAMES.find((m) => !role.jumpstartModels.some((glob) => arnMatches(glob, m)));
        return role.kind !== 'canvas' || other === undefined ? undefined : endpointConfig(role, other);
      },
    },
    {
      key: 'jumpstart-endpoint-no-tag',
      label: 'Endpoint without model tag',
      description: `sagemaker:CreateEndpointConfig without a ${tagKey()} tag (a model that is not from JumpStart)`,
      kinds: ['canvas'],
      request: (role) => (role.kind === 'canvas' ? endpointConfig(role) : undefined),
    },
    {
      key: 'inference-profile',
      label: 'Inference profile',
      description: `bedrock:InvokeModel on the ${geography(region)} system inference profile of the user's first model`,
      kinds: ['modelUser'],
      request: (role) => {
        const glob = role.models[0];
        if (role.kind !== 'modelUser' || glob === undefined) return undefined;
        const model = BEDROCK_MODEL_IDS.find((m) => arnMatches(glob, m)) ?? glob.replace(/[*?]/g, 'x');
        return {
          action: 'bedrock:InvokeModel',
          resource: `arn:${partition}:bedrock:${region}:${role.role.account}:inference-profile/${geography(region)}.${model}`,
        };
      },
    },
    {
      key: 's3-get-own-bucket',
      label: 'S3 read, own bucket',
      description: `s3:GetObject of ${OBJECT_KEY} under the user's first S3 location`,
      kinds: ['modelUser'],
      request: (role) => (role.kind === 'modelUser' && role.bucket ? getObject(role.bucket.bucket, `${role.bucket.prefix ?? ''}${OBJECT_KEY}`) : undefined),
    },
    {
      key: 's3-get-other-bucket',
      label: 'S3 read, other bucket',
      description: `s3:GetObject of ${OBJECT_KEY} in ${OTHER_BUCKET}, a bucket the user is not given`,
      kinds: ['modelUser'],
      request: (role) => (role.kind === 'modelUser' && role.bucket ? getObject(OTHER_BUCKET, OBJECT_KEY) : undefined),
    },
  ];
}

function tagKey(): string {
  return JUMPSTART_MODEL_ID_TAG.replace('aws:RequestTag/', '');
}

/** The prefix of the system inference profiles of a region: `us`, `us-gov`, `eu`, `apac`, ... */
function geography(region: string): string {
  if (region.startsWith('us-gov-')) return 'us-gov';
  const area = region.split('-')[0] ?? region;
  return area === 'ap' ? 'apac' : area;
}

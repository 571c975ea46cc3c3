import { ListPermissionsCommand, ListResourceTypesCommand, RAMClient, type ListPermissionsCommandInput } from '@aws-sdk/client-ram';
import { mockClient } from 'aws-sdk-client-mock';
import { runDiscoverHubPermissions } from '../../cli/commands/discover-hub-permissions';
import { readHubPermissions } from '../../cli/discover';
import { EXIT } from '../../cli/exit-codes';

/**
 * `modelgate discover --hub-permissions`: the AWS managed RAM permissions for SageMaker hubs, read
 * with RAM ListResourceTypes and ListPermissions (mocked here), and which one the config should use.
 */

const ramMock = mockClient(RAMClient);
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' };
const arn = (name: string): string => `arn:aws:ram::aws:permission/${name}`;
const HUB_PERMISSIONS = ['AWSRAMPermissionSageMakerHubRead', 'AWSRAMPermissionSageMakerHubReadAndUse', 'AWSRAMPermissionSageMakerHubFullAccessPolicy'];

function serve(names: readonly string[] = HUB_PERMISSIONS): void {
  ramMock.reset();
  ramMock
    .on(ListResourceTypesCommand)
    .resolvesOnce({ resourceTypes: [{ resourceType: 'ec2:Subnet', serviceName: 'ec2' }, { resourceType: 'sagemaker:ModelPackageGroup', serviceName: 'sagemaker' }], nextToken: 'page-2' })
    .resolvesOnce({ resourceTypes: [{ resourceType: 'sagemaker:Hub', serviceName: 'sagemaker' }] });
  // One permission per page, to read every page.
  ramMock.on(ListPermissionsCommand).callsFake((input: ListPermissionsCommandInput) => {
    const at = input.nextToken ? Number(input.nextToken) : 0;
    const name = names[at];
    return {
      permissions: name ? [{ name, arn: arn(name), resourceType: 'sagemaker:Hub', permissionType: 'AWS_MANAGED', isResourceTypeDefault: name.endsWith('ReadAndUse') }] : [],
      ...(at + 1 < names.length ? { nextToken: String(at + 1) } : {}),
    };
  });
}

const client = (): { ram: RAMClient; region: string; partition: string } => ({ ram: new RAMClient({ region: 'us-east-1', credentials: CREDENTIALS }), region: 'us-east-1', partition: 'aws' });

async function run(format: 'text' | 'json'): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runDiscoverHubPermissions(format, { client, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('readHubPermissions', () => {
  beforeEach(() => serve());

  test('finds the hub resource type, then lists its AWS managed permissions, every page, sorted by name', async () => {
    const permissions = await readHubPermissions(client().ram);
    expect(permissions.map((p) => [p.name, p.level])).toEqual([
      ['AWSRAMPermissionSageMakerHubFullAccessPolicy', 'fullAccess'],
      ['AWSRAMPermissionSageMakerHubRead', 'read'],
      ['AWSRAMPermissionSageMakerHubReadAndUse', 'readAndUse'],
    ]);
    expect(ramMock.commandCalls(ListResourceTypesCommand)).toHaveLength(2);
    expect(ramMock.commandCalls(ListPermissionsCommand).map((c) => [c.args[0].input.resourceType, c.args[0].input.permissionType])).toEqual([
      ['sagemaker:Hub', 'AWS_MANAGED'],
      ['sagemaker:Hub', 'AWS_MANAGED'],
      ['sagemaker:Hub', 'AWS_MANAGED'],
    ]);
  });

  test('says what to do when access is denied', async () => {
    ramMock.reset();
    ramMock.on(ListResourceTypesCommand).rejects(Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' }));
    await expect(readHubPermissions(client().ram)).rejects.toThrow(/ListResourceTypes failed: access denied\. discover --hub-permissions needs ram:ListResourceTypes and ram:ListPermissions \(AWS said: AccessDeniedException: not allowed\)/);
  });
});

describe('discover --hub-permissions', () => {
  test('lists the permissions, names the one a deploying consumer account needs, and confirms the defaults', async () => {
    serve();
    const { code, stdout } = await run('text');
    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain('AWS managed RAM permissions for SageMaker hubs in us-east-1 (RAM ListPermissions, resource type sagemaker:Hub):');
    expect(stdout).toContain(`A consumer account that deploys models from a shared hub needs read and use: ${arn('AWSRAMPermissionSageMakerHubReadAndUse')}`);
    expect(stdout).toContain(`permission: readAndUse uses ${arn('AWSRAMPermissionSageMakerHubReadAndUse')}: listed here.`);
    expect(stdout).not.toContain('NOT listed');
  });

  test('says which default is not among RAM names, and to set permissionArn', async () => {
    serve(['AWSRAMPermissionSageMakerHubRead', 'AWSRAMPermissionSageMakerHubReadAndUseV2']);
    const { code, stdout } = await run('json');
    expect(code).toBe(EXIT.ok);
    const json = JSON.parse(stdout) as { recommended: string | null; defaults: Record<string, { listed: boolean }> };
    expect(json.recommended).toBeNull();
    expect(Object.fromEntries(Object.entries(json.defaults).map(([level, d]) => [level, d.listed]))).toEqual({ read: true, readAndUse: false, fullAccess: false });
    const text = await (serve(['AWSRAMPermissionSageMakerHubRead']), run('text'));
    expect(text.stdout).toContain(`permission: readAndUse uses ${arn('AWSRAMPermissionSageMakerHubReadAndUse')}: NOT listed here; set jumpstartHubs.<hub>.permissionArn`);
  });

  test('a region with no hub permission is a problem, and an AWS failure exits with the AWS code', async () => {
    serve([]);
    expect(await run('text')).toMatchObject({ code: EXIT.problems, stderr: expect.stringContaining('RAM lists no AWS managed permission for a SageMaker hub resource type in us-east-1') });
    ramMock.reset();
    ramMock.on(ListResourceTypesCommand).rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    expect(await run('text')).toMatchObject({ code: EXIT.aws, stderr: expect.stringContaining('ListResourceTypes failed: AWS returned an error') });
  });
});

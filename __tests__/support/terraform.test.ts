import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliConfiguration, findOfflineTerraform, offlineOverrides } from './terraform';

function mirrorWith(entries: readonly string[]): string {
  const mirror = mkdtempSync(join(tmpdir(), 'modelgate-mirror-'));
  const aws = join(mirror, 'registry.terraform.io', 'hashicorp', 'aws');
  for (const entry of entries) {
    if (entry.endsWith('.zip')) {
      mkdirSync(aws, { recursive: true });
      writeFileSync(join(aws, entry), '');
    } else {
      mkdirSync(join(aws, entry, 'linux_amd64'), { recursive: true });
    }
  }
  return mirror;
}

describe('findOfflineTerraform', () => {
  test('the highest aws version of the mirror, unpacked or packed', () => {
    const mirror = mirrorWith(['5.99.1', '5.100.0', 'terraform-provider-aws_4.67.0_linux_amd64.zip']);
    expect(findOfflineTerraform({ MODELGATE_TERRAFORM: '/bin/true', MODELGATE_TERRAFORM_MIRROR: mirror })).toEqual({ binary: '/bin/true', mirror, awsVersion: '5.100.0' });
    const packed = mirrorWith(['terraform-provider-aws_6.25.0_linux_amd64.zip']);
    expect(findOfflineTerraform({ MODELGATE_TERRAFORM: '/bin/true', MODELGATE_TERRAFORM_MIRROR: packed })).toMatchObject({ awsVersion: '6.25.0' });
  });

  test('says why when there is no terraform or no aws provider', () => {
    expect(findOfflineTerraform({ PATH: mkdtempSync(join(tmpdir(), 'modelgate-empty-')) })).toEqual({
      reason: 'terraform is not on PATH (install Terraform >= 1.10, or set MODELGATE_TERRAFORM)',
    });
    expect(findOfflineTerraform({ MODELGATE_TERRAFORM: '/bin/true', MODELGATE_TERRAFORM_MIRROR: mirrorWith([]) })).toEqual({
      reason: expect.stringMatching(/^no hashicorp\/aws provider in a local mirror/),
    });
  });
});

describe('offline overrides', () => {
  test('every aws provider gets fake credentials and no account check; a role to assume is emptied; state stays local', () => {
    const stack = { provider: { aws: [{ region: 'us-east-1' }, { alias: 'account', assume_role: [{ role_arn: 'arn:aws:iam::333333333333:role/X' }] }] } };
    const offline = { access_key: 'AKIAIOSFODNN7EXAMPLE', secret_key: 'offline-plan-only', skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: true, allowed_account_ids: null };
    expect(offlineOverrides(stack, '5.100.0')).toEqual({
      terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } }, backend: { local: { path: 'terraform.tfstate' } } },
      provider: { aws: [offline, { alias: 'account', ...offline, assume_role: [{ role_arn: '' }] }] },
    });
  });

  test('the CLI configuration installs hashicorp/aws from the mirror only', () => {
    expect(cliConfiguration('/opt/mirror')).toBe(
      'provider_installation {\n  filesystem_mirror {\n    path    = "/opt/mirror"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n',
    );
  });
});

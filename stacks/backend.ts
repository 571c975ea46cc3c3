import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, type TerraformStack } from 'cdktf';
import type { StateConfig } from '../modules/config';

/**
 * Gives a stack its own state: a local file, an S3 key or a Terraform Cloud workspace, each
 * derived from the stack name so that two stacks never share state.
 */
export function configureBackend(stack: TerraformStack, stackName: string, state: StateConfig): void {
  switch (state.backend) {
    case 'local':
      // Relative to cdktf.out/stacks/<stack>, where Terraform runs: the project root, on any machine.
      new LocalBackend(stack, { path: `../../../terraform.${stackName}.tfstate` });
      return;
    case 's3':
      const backend = new S3Backend(stack, {
        bucket: state.bucket,
        key: `${state.keyPrefix ? `${state.keyPrefix}/` : ''}${stackName}.tfstate`,
        region: state.region,
        encrypt: state.encrypt,
        ...(state.kmsKeyId ? { kmsKeyId: state.kmsKeyId } : {}),
        ...(state.roleArn ? { assumeRole: { roleArn: state.roleArn } } : {}),
      });
      // S3 native locking (Terraform >= 1.10) postdates the cdktf 0.21 backend class.
      if (state.useLockfile) backend.addOverride('use_lockfile', true);
      return;
    case 'cloud':
      new CloudBackend(stack, {
        organization: state.organization,
        hostname: state.hostname,
        workspaces: new NamedCloudWorkspace(`${state.workspacePrefix}${stackName}`, state.project),
      });
      return;
  }
}

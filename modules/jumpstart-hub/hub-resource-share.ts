import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { hubPermissionArn, type HubSharePermission } from '../config/light';

export interface HubResourceShareProps {
  /** Name of the resource share. */
  readonly name: string;
  /** ARN of the hub to share. */
  readonly hubArn: string;
  /** RAM principals: an organization ARN, OU ARNs or account ids. Each appears once. */
  readonly principals: readonly string[];
  /** What the principals may do with the hub. */
  readonly permission: HubSharePermission;
  /** A RAM permission ARN that replaces the managed one `permission` names. @default the ARN of `permission` */
  readonly permissionArn?: string;
  readonly partition: string;
  /** Provider of the account that owns the hub. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/**
 * An AWS RAM resource share of one hub, inside the organization only, with the SageMaker hub
 * managed permission (or the one the config names), and one principal association per principal.
 */
export class HubResourceShare extends Construct {
  readonly share: RamResourceShare;

  constructor(scope: Construct, id: string, props: HubResourceShareProps) {
    super(scope, id);
    const { provider } = props;
    this.share = new RamResourceShare(this, 'share', {
      name: props.name,
      allowExternalPrincipals: false,
      permissionArns: [props.permissionArn ?? hubPermissionArn(props.partition, props.permission)],
      provider,
    });
    new RamResourceAssociation(this, 'hub', { resourceArn: props.hubArn, resourceShareArn: this.share.arn, provider });
    for (const principal of props.principals) {
      new RamPrincipalAssociation(this, `principal-${principalKey(principal)}`, { principal, resourceShareArn: this.share.arn, provider });
    }
  }
}

/** o-..., ou-... or the account id: the last part of the principal names it uniquely and stably. */
function principalKey(principal: string): string {
  return principal.slice(principal.lastIndexOf('/') + 1);
}

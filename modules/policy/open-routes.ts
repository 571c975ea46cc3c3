import { exceptListsOf, KNOWN_MODELS, type ResolvedGovernance } from '../config';
import { deniesUnapprovedWeights } from './layer-weight-context';
import { monitoredResources } from './monitoring-protection';

/** A way to use a model that no SCP of this organization can close, for the config at hand. */
export interface OpenRoute {
  /** Short name of the route, e.g. "The management account". */
  readonly route: string;
  /** What stays open, and why no SCP reaches it, for this config. */
  readonly why: string;
  /** What narrows it: a modelgate option, or what to do outside modelgate. */
  readonly narrowedBy: string;
}

/**
 * The routes no SCP closes, as they apply to this organization. SCPs restrict principals of member
 * accounts and nothing else (AWS Organizations user guide, "SCP effects on permissions"), so these
 * are listed, not silently left out of the proof.
 */
export function routesNoScpCloses(governance: ResolvedGovernance): OpenRoute[] {
  const routes: OpenRoute[] = [managementAccountRoute(governance)];
  routes.push(...exemptPrincipalRoutes(governance));
  routes.push(...monitoringRoutes(governance));
  routes.push(
    {
      route: 'Service-linked roles',
      why: 'SCPs never restrict service-linked roles, so a service that invokes models through one (Amazon Lex or Amazon Connect bots, for example) is not stopped by the model denies.',
      narrowedBy:
        'monitoring.invocationLogging and monitoring.alerts record such calls; an SCP of your own can deny creating a service-linked role you do not use (iam:CreateServiceLinkedRole with iam:AWSServiceName).',
    },
    {
      route: 'AWS services that choose their own models',
      why: 'Amazon Q, Bedrock Data Automation and similar services run models they choose, under their own authorization: the model-id rules never see those calls.',
      narrowedBy: 'Deny the service itself with an SCP of your own where its models are not approved (e.g. bedrock:InvokeDataAutomation*, q:*).',
    },
    ...jumpstartWeightRoutes(governance),
    {
      route: 'Weights from outside AWS model catalogs',
      why:
        'Weights copied to a bucket of your own, baked into a container image, or downloaded from the internet when a container starts are plain S3 objects, images or network traffic: ' +
        'no model id reaches IAM, so deploying them on SageMaker is not matched by a model rule.',
      narrowedBy:
        'customModelImport and fineTuning close the Bedrock doors for own weights; on SageMaker, only what the execution role may read (your own S3 policies) and network isolation of the containers narrow it.',
    },
    {
      route: 'Roles outside the organization',
      why: 'A principal that assumes a role in an account outside the organization uses models there, under that account\'s rules; no SCP of this organization applies to it.',
      narrowedBy: 'A data-perimeter SCP of your own that denies sts:AssumeRole on roles outside the organization (aws:ResourceOrgID); modelgate does not write one.',
    },
  );
  return routes;
}

function managementAccountRoute(governance: ResolvedGovernance): OpenRoute {
  const layer = governance.targets.find((t) => t.kind === 'account' && t.id === governance.managementAccount);
  const rules = layer?.rules ? ` Its rules (models.${layer.layer}) are not synthesized.` : '';
  return {
    route: 'The management account',
    why: `SCPs never restrict the management account (${governance.managementAccount}): every principal there may use every model.${rules}`,
    narrowedBy: 'Run no workloads in it; limit its principals with IAM policies and permission boundaries; monitoring records its model calls.',
  };
}

function exemptPrincipalRoutes(governance: ResolvedGovernance): OpenRoute[] {
  const { breakGlass, exemptPrincipals } = governance;
  const excepted = governance.targets.flatMap((t) => (t.rules ? exceptListsOf(t.rules).flatMap((list) => list.patterns) : []));
  const deployer = monitoredResources(governance)?.deployerRole;
  const exempt = [...new Set([...breakGlass, ...excepted, ...(deployer ? [deployer] : [])])].sort();
  if (exempt.length === 0) return [];
  const managers = exemptPrincipals.managedBy.length > 0 ? exemptPrincipals.managedBy.join(', ') : 'only the break-glass principals';
  const assume = exemptPrincipals.assumableBy
    ? `Only ${exemptPrincipals.assumableBy.join(', ')}, the managers and the break-glass principals may assume them from member accounts (exemptPrincipals.assumableBy).`
    : 'Who may assume them is decided by their trust policies alone: a trust policy that names the account root lets every principal of that account allowed sts:AssumeRole in.';
  return [
    {
      route: 'Exempt principals',
      why:
        `${exempt.join(', ')} ${exempt.length === 1 ? 'is' : 'are'} exempt from denies by design. ` +
        `In member accounts, ${managers} may create or change them (the SCPs deny it to everyone else). ${assume}`,
      narrowedBy: exemptPrincipals.assumableBy
        ? 'Pin account ids in except lists; keep managedBy to the roles that provision accounts.'
        : 'exemptPrincipals.assumableBy; trust policies that name principals rather than the account root; pinned account ids in except lists.',
    },
  ];
}

/**
 * What monitoring places that its protective denies do not cover, for the pieces this config
 * places. The organization trail itself is safe: member accounts can see it but not change or
 * delete it (AWS Organizations User Guide, "AWS CloudTrail and AWS Organizations").
 */
function monitoringRoutes(governance: ResolvedGovernance): OpenRoute[] {
  const monitoring = governance.monitoring;
  if (!monitoring || !monitoredResources(governance)) return [];
  const open = [
    monitoring.centralAlerts
      ? `The central bus's policy: events:PutPermission and events:RemovePermission name no resource in the IAM catalog, so a deny would close every event bus policy of the audit account (${monitoring.centralAlerts.account.name}); and the alert topic's subscriptions (sns:Unsubscribe: which resource IAM checks for it was not verified).`
      : '',
    monitoring.auditTrail
      ? 'The Glue table, the Athena workgroup and the named queries: deleting them loses no evidence (the logs stay in the protected bucket) and the next apply restores them.'
      : '',
    monitoring.eventDataStore?.delegated
      ? `The CloudTrail Lake event data store in the delegated administrator account (${monitoring.eventDataStore.account.name}), which may also manage organization trails.`
      : 'A CloudTrail delegated administrator (a member account), if you register one, may manage organization trails.',
  ].filter((text) => text !== '');
  return [
    {
      route: 'Monitoring the SCPs do not protect',
      why:
        `The root's SCPs keep alert rules, invocation logging, the alert bus and topic, the audit buckets and keys from every member-account principal but break-glass and the role that applies the stacks. ${open.join(' ')}`,
      narrowedBy:
        'The alert rules and the trail record such changes (modelgate-invocation-logging-changes, the trail\'s management events); an SCP of your own can deny events:PutPermission in the audit account when it has no other bus; register no CloudTrail delegated administrator, or only the audit account.',
    },
  ];
}

/**
 * Untagged deployments of JumpStart weights are closed at the S3 objects, for the models a rule
 * denies by name, and where "every model but these" applies, for every model of a dated snapshot.
 */
function jumpstartWeightRoutes(governance: ResolvedGovernance): OpenRoute[] {
  const allBut = governance.targets.filter((t) => {
    const { marketplace, jumpstart } = t.rules ?? {};
    return jumpstart?.publicHub === 'block' || marketplace?.deny === 'all' || (marketplace?.allow?.length ?? 0) > 0;
  });
  if (allBut.length === 0) return [];
  const listedOnly = allBut.filter((t) => !deniesUnapprovedWeights(t, governance.targets)).map((t) => t.layer);
  const why = [
    listedOnly.length > 0
      ? `At ${listedOnly.join(', ')}, jumpstart.weights: denyListed keeps only the weights of models marketplace.deny names from being read: a SageMaker model created without a hub-content tag from another model's weights in the JumpStart buckets is allowed there.`
      : '',
    listedOnly.length < allBut.length
      ? `Elsewhere the weights of every model but the allowed and private-hub ones are denied, from a snapshot of JumpStart model ids taken ${KNOWN_MODELS.retrieved}: a model published later whose id starts like none of the denied ones stays readable.`
      : '',
  ].filter((text) => text !== '');
  return [
    {
      route: 'JumpStart weights of unlisted models',
      why: why.join(' '),
      narrowedBy: 'jumpstart.weights: denyUnapproved (the default); a refreshed snapshot (modules/config/models/jumpstart-model-ids.json); the tag rules still stop tagged deployments.',
    },
  ];
}

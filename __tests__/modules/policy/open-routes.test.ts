import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../../modules/config';
import { routesNoScpCloses } from '../../../modules/policy';

const EXAMPLE = join(__dirname, '..', '..', '..', 'examples', 'governance.yaml');

function routesOf(yaml: string): ReturnType<typeof routesNoScpCloses> {
  return routesNoScpCloses(parseConfig(yaml, 'governance.yaml').governance);
}

const ORGANIZATION = [
  'organization:',
  '  managementAccount: "111111111111"',
  '  root: r-ab12',
  '  accounts:',
  '    management: { id: "111111111111" }',
  '    dev: { id: "222222222222" }',
];

describe('routes no SCP closes', () => {
  test('the example: every route, in a fixed order, the management account and the exempt principals named', () => {
    const routes = routesNoScpCloses(parseConfig(readFileSync(EXAMPLE, 'utf8'), EXAMPLE).governance);
    expect(routes.map((r) => r.route)).toEqual([
      'The management account',
      'Exempt principals',
      'Monitoring the SCPs do not protect',
      'Service-linked roles',
      'AWS services that choose their own models',
      'JumpStart weights of unlisted models',
      'Weights from outside AWS model catalogs',
      'Roles outside the organization',
    ]);
    expect(routes[0]?.why).toContain('(111111111111)');
    const exempt = routes[1];
    // OrganizationAccountAccessRole applies the member-account stacks: monitoring's protection exempts it.
    expect(exempt?.why).toContain('arn:aws:iam::*:role/OrgBreakGlass, arn:aws:iam::*:role/OrganizationAccountAccessRole, arn:aws:iam::222222222222:role/MLPlatform');
    expect(exempt?.why).toContain('arn:aws:iam::*:role/OrganizationAccountAccessRole may create or change them');
    expect(exempt?.why).toContain('decided by their trust policies alone');
    expect(exempt?.narrowedBy).toContain('exemptPrincipals.assumableBy');
  });

  test('the example: what the monitoring protection leaves open, for the pieces it places', () => {
    const routes = routesNoScpCloses(parseConfig(readFileSync(EXAMPLE, 'utf8'), EXAMPLE).governance);
    const monitoring = routes.find((r) => r.route === 'Monitoring the SCPs do not protect');
    expect(monitoring?.why).toContain('events:PutPermission and events:RemovePermission name no resource');
    expect(monitoring?.why).toContain('(shared-services)');
    expect(monitoring?.why).toContain('The Glue table, the Athena workgroup');
    expect(monitoring?.why).toContain('A CloudTrail delegated administrator (a member account), if you register one');
  });

  test('without monitoring: no monitoring route', () => {
    const routes = routesOf([...ORGANIZATION, 'breakGlass: none', 'models:', '  dev: { bedrock: { deny: all } }'].join('\n'));
    expect(routes.map((r) => r.route)).not.toContain('Monitoring the SCPs do not protect');
  });

  test('rules on the management account are named as not synthesized', () => {
    const [management] = routesOf([...ORGANIZATION, 'breakGlass: none', 'models:', '  management: { bedrock: { deny: all } }'].join('\n'));
    expect(management?.why).toContain('Its rules (models.management) are not synthesized.');
  });

  test('no exempt principal: no exempt-principal route', () => {
    const routes = routesOf([...ORGANIZATION, 'breakGlass: none', 'models:', '  dev: { bedrock: { deny: all } }'].join('\n'));
    expect(routes.map((r) => r.route)).not.toContain('Exempt principals');
  });

  test('with assumableBy, the route says who may assume and no longer suggests it', () => {
    const routes = routesOf(
      [
        ...ORGANIZATION,
        'breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]',
        'exemptPrincipals:',
        '  assumableBy: [arn:aws:iam::222222222222:role/HelpDesk]',
        'models:',
        '  dev: { fineTuning: { deny: true, except: [arn:aws:iam::222222222222:role/Trainer] } }',
      ].join('\n'),
    );
    const exempt = routes.find((r) => r.route === 'Exempt principals');
    expect(exempt?.why).toContain('arn:aws:iam::*:role/OrgBreakGlass, arn:aws:iam::222222222222:role/Trainer are exempt');
    expect(exempt?.why).toContain('only the break-glass principals may create or change them');
    expect(exempt?.why).toContain('Only arn:aws:iam::222222222222:role/HelpDesk, the managers and the break-glass principals may assume them');
    expect(exempt?.narrowedBy).not.toContain('exemptPrincipals.assumableBy');
  });

  test('JumpStart weights: the snapshot date where every model but the approved ones is denied; the layers that deny listed models only', () => {
    const yaml = (weights: string): string =>
      [...ORGANIZATION, 'breakGlass: none', 'models:', `  root: { jumpstart: { publicHub: block${weights} } }`, '  dev: { marketplace: { allow: [meta-textgeneration-llama-3*] } }'].join('\n');
    const closed = routesOf(yaml('')).find((r) => r.route === 'JumpStart weights of unlisted models');
    expect(closed?.why).toMatch(/^Elsewhere the weights of every model but the allowed and private-hub ones are denied, from a snapshot of JumpStart model ids taken \d{4}-\d{2}-\d{2}/);
    const listed = routesOf(yaml(', weights: denyListed')).find((r) => r.route === 'JumpStart weights of unlisted models');
    expect(listed?.why).toMatch(/^At root, dev, jumpstart\.weights: denyListed keeps only/);
    expect(listed?.why).not.toContain('Elsewhere');
  });

  test('no rule that denies every model but some: no JumpStart weight route', () => {
    const routes = routesOf([...ORGANIZATION, 'breakGlass: none', 'models:', '  dev: { marketplace: { deny: [deepseek*] } }'].join('\n'));
    expect(routes.map((r) => r.route)).not.toContain('JumpStart weights of unlisted models');
  });
});

import { escapeUnsafe } from '../../modules/config';
import { assignLayerNames } from './layer-names';
import { isFullAwsAccess, type LiveOrganization, type LivePolicy, type LiveUnit } from './live-organization';

/**
 * Writes a starting governance.yaml for a discovered organization: ids, names and the SCPs other
 * tools attached (they take slots), no rules. The text is built line by line so that it can carry
 * comments (policy names, account states) and reads like a file a person wrote.
 */
export function governanceYaml(organization: LiveOrganization): string {
  const names = assignLayerNames(organization);
  const children = new Map<string, LiveUnit[]>();
  for (const unit of organization.units) children.set(unit.parentId, [...(children.get(unit.parentId) ?? []), unit]);
  const partition = ['aws', 'aws-us-gov', 'aws-cn'].includes(organization.partition) ? organization.partition : 'aws';
  const targets = [organization.root, ...organization.units, ...organization.accounts];
  const withFullAwsAccess = targets.filter((t) => t.policies.some(isFullAwsAccess)).length;
  // Counting FullAWSAccess as a slot is the safe side: the packer then never plans one slot too many.
  const fullAwsAccess = withFullAwsAccess === 0 && organization.root.scpsEnabled ? 'replaced' : 'attached';

  const lines: string[] = [
    '# yaml-language-server: $schema=./governance.schema.json',
    '#',
    `# Written by "modelgate discover" from organization ${organization.id} (${organization.units.length} OUs, ${organization.accounts.length} accounts).`,
    '# Ids, names and the SCPs already attached by other tools (each takes one of the 10 slots of its',
    '# target) are as AWS Organizations reported them; write your rules under `models:`. Names are made',
    '# of letters, digits, _ . - (other characters became "-"); where two became the same, the id was',
    '# appended. Rename freely: `models:` and `unit:` refer to these names, AWS only to the ids.',
    '# "modelgate discover --check" compares this file with the organization later.',
    ...(organization.root.scpsEnabled
      ? []
      : ['#', '# SCPs are not enabled in this organization: enable the SERVICE_CONTROL_POLICY type on the root before', '# deploying (AWS then attaches FullAWSAccess everywhere).']),
    'organization:',
    `  partition: ${partition}`,
    `  id: ${organization.id}`,
    `  managementAccount: "${organization.managementAccountId}"`,
    ...(organization.root.policies.some((p) => !isFullAwsAccess(p))
      ? ['  root:', `    id: ${organization.root.id}`, ...existingPolicies(organization.root.policies, 4)]
      : [`  root: ${organization.root.id}`]),
    ...(fullAwsAccess === 'attached' && withFullAwsAccess < targets.length
      ? [`  # FullAWSAccess is attached to ${withFullAwsAccess} of ${targets.length} targets; counted as taking a slot everywhere.`]
      : []),
    `  fullAwsAccess: ${fullAwsAccess}`,
    '  scpLimits: current            # 10,240 characters and 10 SCPs per target',
  ];
  const writeUnits = (parentId: string, indent: number): void => {
    for (const unit of children.get(parentId) ?? []) {
      const pad = ' '.repeat(indent);
      const renamed = names.unitName.get(unit.id) !== unit.name ? `   # "${commentText(unit.name)}" in AWS` : '';
      lines.push(`${pad}${yamlString(names.unitName.get(unit.id) ?? unit.id)}:${renamed}`, `${pad}  id: ${unit.id}`);
      lines.push(...existingPolicies(unit.policies, indent + 2));
      if (children.has(unit.id)) {
        lines.push(`${pad}  units:`);
        writeUnits(unit.id, indent + 4);
      }
    }
  };
  if (organization.units.length > 0) {
    lines.push('  units:');
    writeUnits(organization.root.id, 4);
  }
  lines.push('  accounts:');
  for (const account of organization.accounts) {
    const name = names.accountName.get(account.id) ?? account.id;
    const notes = [
      ...(name !== account.name ? [`"${commentText(account.name)}" in AWS`] : []),
      ...(account.id === organization.managementAccountId ? ['the management account: SCPs never restrict it'] : []),
      ...(account.state && account.state !== 'ACTIVE' ? [account.state] : []),
    ];
    lines.push(`    ${yamlString(name)}:${notes.length > 0 ? `   # ${notes.join('; ')}` : ''}`, `      id: "${account.id}"`);
    const unit = names.unitPath.get(account.parentId);
    if (unit) lines.push(`      unit: ${yamlString(unit)}`);
    lines.push(...existingPolicies(account.policies, 6));
  }
  lines.push(
    '',
    '# Nobody is exempted from the model denies until you name your break-glass principals, e.g.',
    '# breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]. "none" is the safe starting point: it exempts no',
    '# principal that nobody has reviewed, and modelgate warns about it on every run until you choose.',
    'breakGlass: none',
    '',
    '# Rules per layer: "root", an OU path such as "Workloads/Prod", or an account name. See docs/configuration.md.',
    'models: {}',
    '',
  );
  return lines.join('\n');
}

/** `existingPolicies:` with one id per line and its name as a comment; FullAWSAccess is left out (see fullAwsAccess). */
function existingPolicies(policies: readonly LivePolicy[], indent: number): string[] {
  const others = policies.filter((p) => !isFullAwsAccess(p));
  if (others.length === 0) return [];
  const pad = ' '.repeat(indent);
  return [`${pad}existingPolicies:`, ...others.map((p) => `${pad}  - ${yamlString(p.id)}${p.name ? `   # ${commentText(p.name)}` : ''}`)];
}

/** YAML would read these plain words as something other than a string. */
const YAML_WORDS = /^(true|false|null|~|yes|no|on|off|y|n)$/i;

/** A string as YAML reads it back unchanged: plain when that is unambiguous, else double-quoted. */
export function yamlString(value: string): string {
  return /^[A-Za-z_][A-Za-z0-9_./-]*$/.test(value) && !YAML_WORDS.test(value) ? value : JSON.stringify(value);
}

/** An AWS name as a comment: one line, and invisible or reordering characters written as escapes (the loader refuses them raw). */
function commentText(text: string): string {
  return escapeUnsafe(text.replace(/[\r\n\t]+/g, ' ').replace(/"/g, "'"));
}

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareVersions, highestProviderMinimum, raiseAwsProviderVersion, stackProviderNeeds, type ProviderNeed } from '../../../modules/config';
import { runValidate } from '../../../cli/commands/validate';
import { synthesizeYaml } from '../../support/synth-fixture';

const EXAMPLE = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'governance.yaml'), 'utf8');

describe('raiseAwsProviderVersion', () => {
  test.each([
    ['>= 6.25.0, < 7.0.0', undefined, '>= 6.25.0, < 7.0.0'],
    ['>= 6.25.0, < 7.0.0', '6.51.0', '>= 6.51.0, < 7.0.0'],
    ['>= 6.60.0, < 7.0.0', '6.51.0', '>= 6.60.0, < 7.0.0'],
    ['~> 6.40', '6.51.0', '>= 6.51.0, ~> 6.40'],
    ['~> 6.55', '6.51.0', '~> 6.55'],
    ['> 6.30.0,<7.0.0, != 6.52.0', '6.51.0', '>= 6.51.0, < 7.0.0, != 6.52.0'],
    ['6.66.0', '6.51.0', '= 6.66.0'],
  ])('%s needing %s -> %s', (configured, minimum, expected) => {
    expect(raiseAwsProviderVersion(configured, minimum)).toBe(expected);
  });

  test('compares versions by number, missing parts as 0', () => {
    expect(compareVersions('6.9.0', '6.51.0')).toBeLessThan(0);
    expect(compareVersions('6.51', '6.51.0')).toBe(0);
    expect(compareVersions('7.0.0', '6.99.99')).toBeGreaterThan(0);
  });
});

describe('deployment.awsProviderVersion', () => {
  test('reaches every stack, raised for the hub stack and the root stack that holds the budgets', async () => {
    const synth = await synthesizeYaml(EXAMPLE.replace(/^deployment:\n/m, 'deployment:\n  awsProviderVersion: "~> 6.40"\n'));
    const versions = Object.fromEntries(synth.stacks.map((name) => [name, (synth.stack(name).terraform.required_providers as { aws: { version: string } }).aws.version]));
    expect(versions).toEqual({
      'account-prod-app': '~> 6.40',
      'account-sandbox-dev': '~> 6.40',
      'account-shared-services': '>= 6.51.0, ~> 6.40',
      'ou-sandbox': '~> 6.40',
      'ou-workloads-prod': '~> 6.40',
      root: '>= 6.41.0, ~> 6.40',
    });
  });

  test('validate shows the constraint of each stack, in text and json', async () => {
    const file = join(__dirname, '..', '..', '..', 'examples', 'governance.yaml');
    const out: string[] = [];
    const sink = { stdout: (text: string) => out.push(text), stderr: () => undefined };
    await runValidate({ config: file, format: 'text', strict: false }, sink);
    expect(out.join('')).toContain('hashicorp/aws: >= 6.25.0, < 7.0.0\n  stack root: >= 6.41.0, < 7.0.0 (aws_budgets_budget with filter_expression and metrics, for monitoring.budgets, needs >= 6.41.0)\n  stack account-shared-services: >= 6.51.0, < 7.0.0 (aws_sagemaker_hub_content_reference, for the models of the private hub in account shared-services, needs >= 6.51.0)\n');
    out.length = 0;
    await runValidate({ config: file, format: 'json', strict: false }, sink);
    const json = JSON.parse(out.join('')) as { awsProviderVersions: Record<string, string> };
    expect(json.awsProviderVersions).toMatchObject({ root: '>= 6.41.0, < 7.0.0', 'ou-sandbox': '>= 6.25.0, < 7.0.0', 'account-shared-services': '>= 6.51.0, < 7.0.0' });
  });

  test.each([
    ['"6.25.0"', 'pins hashicorp/aws 6.25.0, but aws_sagemaker_hub_content_reference, for the models of the private hub in account shared-services, needs >= 6.51.0'],
    ['"6.40.0"', 'pins hashicorp/aws 6.40.0, but aws_budgets_budget with filter_expression and metrics, for monitoring.budgets, needs >= 6.41.0; allow 6.41.0 or later'],
    ['"latest"', 'a Terraform version constraint such as ">= 6.25.0, < 7.0.0"'],
  ])('%s is refused, located', async (value, message) => {
    const out: string[] = [];
    const file = join(mkdtempSync(join(tmpdir(), 'modelgate-provider-')), 'governance.yaml');
    writeFileSync(file, EXAMPLE.replace(/^deployment:\n/m, `deployment:\n  awsProviderVersion: ${value}\n`));
    const code = await runValidate({ config: file, format: 'text', strict: false }, { stdout: () => undefined, stderr: (text) => out.push(text) });
    expect(code).toBe(1);
    expect(out.join('')).toMatch(new RegExp(`governance\\.yaml:\\d+:\\d+ deployment\\.awsProviderVersion: .*${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});

describe("a stack's provider needs", () => {
  const stackProviderMinimum = (all: readonly ProviderNeed[], kind: ProviderNeed['kind'], layer: string): string | undefined => highestProviderMinimum(stackProviderNeeds(all, kind, layer));

  const needs: ProviderNeed[] = [
    { kind: 'account', layer: 'hub-home', minimum: '6.51.0', feature: 'a hub with models' },
    { kind: 'account', layer: 'hub-home', minimum: '6.9.0', feature: 'an older feature' },
    { kind: 'root', layer: 'root', minimum: '6.41.0', feature: 'a budget' },
  ];

  test('is the highest need of that stack, compared as versions', () => {
    expect(stackProviderMinimum(needs, 'account', 'hub-home')).toBe('6.51.0');
    expect(stackProviderMinimum(needs, 'root', 'root')).toBe('6.41.0');
  });

  test('is undefined for a stack with no needs, even one of the same name in another layer kind', () => {
    expect(stackProviderMinimum(needs, 'unit', 'hub-home')).toBeUndefined();
  });
});

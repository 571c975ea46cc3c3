import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../../modules/config';
import { compileGovernance, intentDigest } from '../../../modules/policy';

const example = readFileSync(join(__dirname, '../../../examples/governance.yaml'), 'utf8');

async function digestOf(text: string): Promise<string> {
  return intentDigest(await compileGovernance(parseConfig(text, 'governance.yaml').governance));
}

describe('intentDigest', () => {
  test('is the same for a config that differs only in comments, spacing and flow style', async () => {
    const restyled = example
      .replace('      deny: ["deepseek.*"]', '      # reformatted\n      deny:\n        - deepseek.*')
      .replace(/^models:$/m, '# the models section\nmodels:   ');
    expect(restyled).not.toBe(example);
    expect(await digestOf(restyled)).toBe(await digestOf(example));
  });

  test('changes when an SCP changes', async () => {
    const denyMore = example.replace('      deny: ["deepseek.*"]', '      deny: ["deepseek.*", "mistral.*"]');
    expect(denyMore).not.toBe(example);
    expect(await digestOf(denyMore)).not.toBe(await digestOf(example));
  });

  test('changes when only an SCP\'s text changes, not the config', async () => {
    const compiled = await compileGovernance(parseConfig(example, 'governance.yaml').governance);
    const [first, ...rest] = compiled.targets;
    const [policy, ...others] = first?.policies ?? [];
    expect(policy).toBeDefined();
    const edited = { ...compiled, targets: [{ ...first!, policies: [{ ...policy!, content: `${policy!.content} ` }, ...others] }, ...rest] };
    expect(intentDigest(edited)).not.toBe(intentDigest(compiled));
  });
});

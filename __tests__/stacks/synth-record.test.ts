import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deployOrder, SYNTH_RECORD_FILE } from '../../modules/synth-record';
import { synthesizeFile } from '../support/synth-fixture';

describe('the synth record', () => {
  test('the example: every stack once, each after the stacks its manifest entry depends on', async () => {
    const { outdir } = await synthesizeFile(join(__dirname, '..', '..', 'examples', 'governance.yaml'));
    const record = JSON.parse(readFileSync(join(outdir, SYNTH_RECORD_FILE), 'utf8')) as { deployOrder: string[]; configSha256: string; intentSha256: string };
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { dependencies: string[] }> };
    expect([...record.deployOrder].sort()).toEqual(Object.keys(manifest.stacks).sort());
    for (const [stack, { dependencies }] of Object.entries(manifest.stacks)) {
      for (const dependency of dependencies) expect(record.deployOrder.indexOf(dependency)).toBeLessThan(record.deployOrder.indexOf(stack));
    }
    expect(record.deployOrder).toEqual(['account-prod-app', 'account-sandbox-dev', 'root', 'account-shared-services', 'ou-sandbox', 'ou-workloads-prod']);
    expect(record.configSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.intentSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('deployOrder: dependencies first, ties by name; a cycle is an error', () => {
    expect(deployOrder({ c: ['a'], b: [], a: ['b'] })).toEqual(['b', 'a', 'c']);
    expect(() => deployOrder({ a: ['b'], b: ['a'] })).toThrow('stack dependency cycle: a -> b -> a');
  });
});

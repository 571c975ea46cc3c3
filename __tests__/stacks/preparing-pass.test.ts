import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { generateOrganization } from '../../bench/generate-org';
import { parseConfig } from '../../modules/config';
import { compileGovernance, type CompiledGovernance } from '../../modules/policy';
import { addGovernanceStacks } from '../../stacks/governance-stacks';
import { GovernanceStack } from '../../stacks/governance-stack';
import { synthesizeCompiled } from '../../stacks/synthesize';
import { PROJECT_ROOT } from '../support/run-app';
import { filesUnder } from '../support/synth-fixture';

const EXAMPLE = join(PROJECT_ROOT, 'examples', 'governance.yaml');
/** CDK Terrain's preparing pass records function and provider feature use too, and stays. */
const RUNTIME_RECORDS_USE = '_runPreparingResolve' in TerraformStack.prototype;
const freshOutdir = (): string => join(mkdtempSync(join(tmpdir(), 'modelgate-prepare-')), 'cdktf.out');

async function compiledOf(text: string, file: string): Promise<CompiledGovernance> {
  return compileGovernance(parseConfig(text, file).governance);
}

describe("cdktf's preparing pass, which only links stacks", () => {
  afterEach(() => jest.restoreAllMocks());

  test.each([
    ['the example (a hub account that depends on the root stack, monitoring, roles, guardrails)', 'example'],
    ['a generated organization of 60 accounts', 'generated'],
  ])('%s: synth without the pass writes byte for byte what synth with it writes', async (_name, config) => {
    const compiled = config === 'example' ? await compiledOf(readFileSync(EXAMPLE, 'utf8'), EXAMPLE) : await compiledOf(generateOrganization({ accounts: 60 }), 'governance.yaml');
    const without = freshOutdir();
    await synthesizeCompiled(compiled, without);
    // Every stack prepared as a bare cdktf stack is: the backend, then every element resolved to find references to other stacks.
    const prepared = jest.spyOn(GovernanceStack.prototype, 'prepareStack').mockImplementation(function (this: GovernanceStack) {
      TerraformStack.prototype.prepareStack.call(this);
    });
    const withPass = freshOutdir();
    await synthesizeCompiled(compiled, withPass);
    expect(prepared).toHaveBeenCalled();
    expect(filesUnder(without).size).toBeGreaterThan(3);
    expect(filesUnder(without)).toEqual(filesUnder(withPass));
  });

  test(RUNTIME_RECORDS_USE ? 'runs on CDK Terrain, whose pass records what the stack uses' : 'is skipped on cdktf: preparing a stack resolves none of its elements', async () => {
    const compiled = await compiledOf(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
    const [stack] = addGovernanceStacks(new App({ outdir: freshOutdir(), stackTraces: false }), compiled);
    if (!stack) throw new Error('the example has no stack');
    const resolved = jest.spyOn(stack.managementProvider, 'toTerraform');
    stack.prepareStack();
    expect(resolved).toHaveBeenCalledTimes(RUNTIME_RECORDS_USE ? 1 : 0);
  });
});

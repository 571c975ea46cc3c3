import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BedrockClient, ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { ListHubContentsCommand, SageMakerClient, type ListHubContentsCommandInput } from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { runDiscoverModels } from '../../cli/commands/discover-models';
import { readModelCatalog } from '../../cli/discover';
import { EXIT } from '../../cli/exit-codes';
import { loadConfigFile, loadModelCatalog, MODEL_CATALOG_FILE } from '../../modules/config';

/**
 * `modelgate discover --models`: the Bedrock foundation models and the SageMaker public hub
 * models of an account, read with the AWS SDK (mocked here) into known-models.json, which
 * validate and synth then check model selectors against.
 */

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' };
const bedrockMock = mockClient(BedrockClient);
const sagemakerMock = mockClient(SageMakerClient);

/** The public hub, served in pages of two, the last one without a token. */
const HUB = ['huggingface-llm-mistral-7b-instruct', 'meta-textgeneration-llama-3-8b', 'deepseek-llm-r1-distill-qwen-7b', 'huggingface-llm-falcon-7b-bf16', 'cohere-rerank-v3'];

function serveAccount(): void {
  bedrockMock.reset();
  sagemakerMock.reset();
  bedrockMock.on(ListFoundationModelsCommand).resolves({
    modelSummaries: [
      { modelId: 'anthropic.claude-3-5-sonnet-20240620-v1:0', modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0' },
      { modelId: 'amazon.nova-pro-v1:0', modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0' },
      { modelId: 'acme.frontier-9x-v1:0', modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/acme.frontier-9x-v1:0' },
    ],
  });
  sagemakerMock.on(ListHubContentsCommand).callsFake((input: ListHubContentsCommandInput) => {
    const start = input.NextToken ? Number(input.NextToken) : 0;
    const names = HUB.slice(start, start + 2);
    const next = start + 2 < HUB.length ? String(start + 2) : undefined;
    return {
      HubContentSummaries: names.map((name) => ({ HubContentName: name, HubContentType: 'Model', HubContentArn: `arn:aws:sagemaker:us-east-1:aws:hub-content/SageMakerPublicHub/Model/${name}/1.0.0` })),
      ...(next ? { NextToken: next } : {}),
    };
  });
}

function clients(): { bedrock: BedrockClient; sagemaker: SageMakerClient; region: string } {
  return { bedrock: new BedrockClient({ region: 'us-east-1', credentials: CREDENTIALS }), sagemaker: new SageMakerClient({ region: 'us-east-1', credentials: CREDENTIALS }), region: 'us-east-1' };
}

async function run(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runDiscoverModels(file, 'text', { clients, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('readModelCatalog', () => {
  beforeEach(serveAccount);

  test('reads every Bedrock model id and every page of the public hub, asking for models of SageMakerPublicHub', async () => {
    const catalog = await readModelCatalog({ ...clients(), today: '2026-11-30' });
    expect(catalog.bedrock).toEqual(['anthropic.claude-3-5-sonnet-20240620-v1:0', 'amazon.nova-pro-v1:0', 'acme.frontier-9x-v1:0']);
    expect(catalog.publicHub).toEqual(HUB);
    const calls = sagemakerMock.commandCalls(ListHubContentsCommand).map((c) => c.args[0].input);
    expect(calls.map((input) => input.NextToken)).toEqual([undefined, '2', '4']);
    expect(calls.every((input) => input.HubName === 'SageMakerPublicHub' && input.HubContentType === 'Model')).toBe(true);
    expect(catalog).toMatchObject({ date: '2026-11-30', origin: 'discover', checkUnmatched: ['bedrock', 'publicHub'] });
    expect(catalog.sources.join(' ')).toMatch(/ListFoundationModels in us-east-1.*ListHubContents of SageMakerPublicHub/);
  });

  test('a NextToken that comes back again ends the paging instead of looping', async () => {
    sagemakerMock.on(ListHubContentsCommand).resolves({ HubContentSummaries: [{ HubContentName: 'same-model', HubContentType: 'Model', HubContentArn: 'arn', HubContentVersion: '1.0.0', DocumentSchemaVersion: '2.0.0', HubContentStatus: 'Available', CreationTime: new Date(0) }], NextToken: 'again' });
    const catalog = await readModelCatalog({ ...clients(), today: '2026-11-30' });
    expect(sagemakerMock.commandCalls(ListHubContentsCommand)).toHaveLength(2);
    expect(new Set(catalog.publicHub)).toEqual(new Set(['same-model']));
  });
});

describe('discover --models', () => {
  beforeEach(serveAccount);

  test('writes known-models.json: sorted unique ids, and validate checks selectors against it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'models-'));
    const file = join(dir, MODEL_CATALOG_FILE);
    const result = await run(file);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toMatch(/wrote .*known-models\.json: 3 Bedrock model ids and 5 SageMaker public hub models of us-east-1/);
    const catalog = loadModelCatalog(file);
    expect(catalog.bedrock).toEqual(['acme.frontier-9x-v1:0', 'amazon.nova-pro-v1:0', 'anthropic.claude-3-5-sonnet-20240620-v1:0']);
    expect(readFileSync(file, 'utf8').endsWith('}\n')).toBe(true);

    writeFileSync(
      join(dir, 'governance.yaml'),
      [
        'organization: { managementAccount: "111111111111", root: r-ab12, units: { Sandbox: { id: ou-ab12-11111111 } } }',
        'breakGlass: [arn:aws:iam::*:role/OrgBreakGlass]',
        'models:',
        '  Sandbox:',
        '    bedrock: { allow: ["acme.frontier-9x*", "amazon.nova-lite*"] }',
        '    marketplace: { deny: ["deepseek*", "qwen*"] }',
        '',
      ].join('\n'),
    );
    const { warnings } = loadConfigFile(join(dir, 'governance.yaml'));
    // acme.frontier is in this account's catalog, not in the shipped snapshot; nova-lite is not in this account's.
    expect(warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      expect.stringMatching(/^models\.Sandbox\.bedrock\.allow\[1\]: "amazon\.nova-lite\*" matches none of the 3 Bedrock model ids in .*known-models\.json \(read on \d{4}-\d{2}-\d{2}\)/),
      expect.stringMatching(/^models\.Sandbox\.marketplace\.deny\[1\]: "qwen\*" matches none of the 5 SageMaker public hub model names .*denies nothing/),
    ]);
  });

  test('replaces an earlier catalog, and keeps a file that is not one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'models-'));
    const file = join(dir, MODEL_CATALOG_FILE);
    expect((await run(file)).code).toBe(EXIT.ok);
    expect((await run(file)).code).toBe(EXIT.ok);

    const notes = join(dir, 'notes.json');
    writeFileSync(notes, '{"mine": true}\n');
    const refused = await run(notes);
    expect(refused.code).toBe(EXIT.problems);
    expect(refused.stderr).toMatch(/notes\.json exists and is not a model catalog written by modelgate, so it is kept/);
    expect(readFileSync(notes, 'utf8')).toBe('{"mine": true}\n');
    expect(bedrockMock.commandCalls(ListFoundationModelsCommand)).toHaveLength(2);
    expect(readdirSync(dir).sort()).toEqual([MODEL_CATALOG_FILE, 'notes.json']);
  });

  test('AccessDeniedException: exit code 4, the permissions it needs and the public hub block named, nothing written', async () => {
    sagemakerMock.on(ListHubContentsCommand).rejects(Object.assign(new Error('User is not authorized to perform: sagemaker:ListHubContents'), { name: 'AccessDeniedException' }));
    const dir = mkdtempSync(join(tmpdir(), 'models-'));
    const file = join(dir, MODEL_CATALOG_FILE);
    const result = await run(file);
    expect(result.code).toBe(EXIT.aws);
    expect(result.stderr).toMatch(/ListHubContents failed: access denied.*bedrock:ListFoundationModels and sagemaker:ListHubContents.*publicHub: block.*nothing was written/);
    expect(existsSync(file)).toBe(false);
  });
});

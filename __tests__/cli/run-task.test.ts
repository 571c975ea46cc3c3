import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPlanReview } from '../../cli/plan-review';
import {
  isRetryable,
  isVerificationRequest,
  parseRunTaskRequest,
  retryDelay,
  RunTaskRequestError,
  signatureMatches,
  startRunTaskServer,
  taskResultOfError,
  taskResultOfReview,
  taskSignature,
  type RunTaskServer,
  type TaskResultBody,
} from '../../cli/run-task';
import { DENY_DEEPSEEK, SANDBOX_CONFIG, sandboxScpPlan } from '../support/sandbox-scp-plan';

const WIDENING_PLAN = sandboxScpPlan(undefined);
const UNCHANGED_PLAN = sandboxScpPlan(DENY_DEEPSEEK);
const KEY = 'run-task-hmac-key';
const TOKEN = 'run-token-123';

const configFile = ((): string => {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-run-task-test-'));
  writeFileSync(join(dir, 'governance.yaml'), SANDBOX_CONFIG);
  return join(dir, 'governance.yaml');
})();

interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly authorization?: string;
  readonly contentType?: string;
  readonly body: string;
}

/** A fake Terraform Cloud on loopback: serves the plan JSON (after a redirect), records the callback. */
class FakeTerraformCloud {
  readonly calls: Recorded[] = [];
  /** Answers for the plan GET, in order; then the plan. */
  planAnswers: ('503' | 'hang')[] = [];
  plan = WIDENING_PLAN;
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    this.calls.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, contentType: request.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') });
    if (request.url === '/api/v2/plans/plan-1/json-output') {
      const next = this.planAnswers.shift();
      if (next === 'hang') return; // never answers: the run task's timeout must end the wait
      if (next === '503') return void response.writeHead(503).end();
      return void response.writeHead(307, { Location: '/archivist/plan-1.json' }).end();
    }
    if (request.url === '/archivist/plan-1.json') return void response.writeHead(200, { 'Content-Type': 'application/json' }).end(this.plan);
    if (request.url === '/api/v2/task-results/tr-1/callback') return void response.writeHead(200).end('{}');
    response.writeHead(404).end();
  }

  get callback(): TaskResultBody | undefined {
    const patch = this.calls.find((c) => c.method === 'PATCH');
    return patch === undefined ? undefined : (JSON.parse(patch.body) as TaskResultBody);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

function runTaskPayload(tfc: FakeTerraformCloud, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    payload_version: 1,
    stage: 'post_plan',
    access_token: TOKEN,
    task_result_callback_url: `${tfc.url}/api/v2/task-results/tr-1/callback`,
    plan_json_api_url: `${tfc.url}/api/v2/plans/plan-1/json-output`,
    run_id: 'run-1',
    workspace_name: 'modelgate-ou-sandbox',
    organization_name: 'example-org',
    is_speculative: false,
    ...overrides,
  });
}

/** POSTs `body` to the run task, signed with `key` unless told otherwise (null: unsigned); the status code. */
function post(task: RunTaskServer, body: string, signature: string | null = taskSignature(body, KEY)): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${task.url}/`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(signature === null ? {} : { 'X-TFC-Task-Signature': signature }) } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('run task: the pure parts', () => {
  test('the signature is HMAC-SHA512 of the raw body, hex; a wrong or missing one does not match', () => {
    const body = Buffer.from('{"payload_version":1}');
    const signature = taskSignature(body, KEY);
    expect(signature).toMatch(/^[0-9a-f]{128}$/);
    expect(signatureMatches(body, signature, KEY)).toBe(true);
    expect(signatureMatches(body, signature.toUpperCase(), KEY)).toBe(true);
    expect(signatureMatches(Buffer.from('{"payload_version":2}'), signature, KEY)).toBe(false);
    expect(signatureMatches(body, taskSignature(body, 'another-key'), KEY)).toBe(false);
    expect(signatureMatches(body, 'abc', KEY)).toBe(false);
    expect(signatureMatches(body, undefined, KEY)).toBe(false);
  });

  test('a request is parsed; a verification request is recognized; other payloads are refused', () => {
    const request = parseRunTaskRequest(Buffer.from(JSON.stringify({ payload_version: 1, stage: 'post_plan', access_token: 't', task_result_callback_url: 'https://x/cb', plan_json_api_url: 'https://x/plan', run_id: 'run-1', workspace_name: 'w', organization_name: 'o', is_speculative: true })));
    expect(request).toEqual({ accessToken: 't', stage: 'post_plan', taskResultCallbackUrl: 'https://x/cb', planJsonApiUrl: 'https://x/plan', runId: 'run-1', workspaceName: 'w', organizationName: 'o', isSpeculative: true });
    expect(isVerificationRequest(request)).toBe(false);
    expect(isVerificationRequest({ ...request, accessToken: 'test-token' })).toBe(true);
    expect(isVerificationRequest({ ...request, accessToken: '' })).toBe(true);
    expect(() => parseRunTaskRequest(Buffer.from('not json'))).toThrow(RunTaskRequestError);
    expect(() => parseRunTaskRequest(Buffer.from('{"payload_version":2}'))).toThrow(/payload_version 2 is not supported/);
  });

  test('retries on 429 and 5xx only, with exponential backoff or Retry-After', () => {
    expect([429, 500, 502, 503, 200, 400, 401, 404].map(isRetryable)).toEqual([true, true, true, true, false, false, false, false]);
    expect([1, 2, 3].map((retry) => retryDelay(retry, 100, null))).toEqual([100, 200, 400]);
    expect(retryDelay(1, 100, '3')).toBe(3000);
    expect(retryDelay(1, 100, '3600')).toBe(60_000);
  });

  test('the task result: failed with one outcome per changed cell, tagged by severity', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'modelgate-run-task-unit-'));
    writeFileSync(join(dir, 'ou-sandbox.json'), WIDENING_PLAN);
    const review = await buildPlanReview({ configFile, plan: join(dir, 'ou-sandbox.json') });
    const result = taskResultOfReview(review, 'widened');
    expect(result.data.type).toBe('task-results');
    expect(result.data.attributes.status).toBe('failed');
    expect(result.data.attributes.message).toMatch(/^modelgate: failed: 1 cell widened, 0 narrowed/);
    const outcomes = result.data.relationships?.outcomes.data ?? [];
    expect(outcomes).toHaveLength(review.flips.length + review.overLimit.length);
    expect(outcomes[0]?.type).toBe('task-result-outcomes');
    expect(outcomes[0]?.attributes.description).toMatch(/^Access widened: Sandbox: bedrock:InvokeModel on deepseek\./);
    expect(outcomes[0]?.attributes.body).toContain('| Sandbox |');
    expect(outcomes[0]?.attributes.tags).toEqual({ Severity: [{ label: 'Widened', level: 'error' }] });
    expect(taskResultOfReview(review, 'any').data.attributes.status).toBe('failed');
    expect(taskResultOfError('GET /plan timed out').data.attributes).toEqual({ status: 'failed', message: 'modelgate: could not review the plan: GET /plan timed out' });
  });
});

describe('run task against a fake Terraform Cloud on loopback', () => {
  let tfc: FakeTerraformCloud;
  let task: RunTaskServer;
  const log: string[] = [];

  async function startTask(options: Partial<Parameters<typeof startRunTaskServer>[0]> = {}): Promise<void> {
    task = await startRunTaskServer({ configFile, hmacKey: KEY, log: (line) => log.push(line), planCall: { retryDelayMs: 10, timeoutMs: 5_000 }, callbackCall: { retryDelayMs: 10 }, ...options });
  }

  beforeEach(async () => {
    tfc = new FakeTerraformCloud();
    await tfc.start();
  });

  afterEach(async () => {
    await task.close();
    await tfc.stop();
  });

  test('a signed request: 200 at once, the plan fetched with the run token through the redirect, a failed result with the widened cell', async () => {
    await startTask();
    expect(await post(task, runTaskPayload(tfc))).toBe(200);
    await task.idle();
    const get = tfc.calls.find((c) => c.url === '/api/v2/plans/plan-1/json-output');
    expect(get?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(tfc.calls.some((c) => c.url === '/archivist/plan-1.json')).toBe(true);
    const patch = tfc.calls.find((c) => c.method === 'PATCH');
    expect(patch?.url).toBe('/api/v2/task-results/tr-1/callback');
    expect(patch?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(patch?.contentType).toBe('application/vnd.api+json');
    expect(tfc.callback?.data.attributes.status).toBe('failed');
    expect(tfc.callback?.data.relationships?.outcomes.data.map((o) => o.attributes.tags.Severity?.[0]?.label)).toEqual(['Widened']);
    expect(log.at(-1)).toMatch(/^modelgate run-task: example-org\/modelgate-ou-sandbox run-1: modelgate: failed/);
  });

  test('a bad signature is refused and nothing is fetched; so is a missing one', async () => {
    await startTask();
    expect(await post(task, runTaskPayload(tfc), taskSignature(runTaskPayload(tfc), 'wrong-key'))).toBe(401);
    expect(await post(task, runTaskPayload(tfc), null)).toBe(401);
    await task.idle();
    expect(tfc.calls).toEqual([]);
  });

  test('the verification request answers 200 and calls nothing back', async () => {
    await startTask();
    expect(await post(task, runTaskPayload(tfc, { access_token: 'test-token' }))).toBe(200);
    expect(await post(task, runTaskPayload(tfc, { access_token: '', task_result_callback_url: '' }))).toBe(200);
    await task.idle();
    expect(tfc.calls).toEqual([]);
  });

  test('a plan without SCP changes passes, with no outcomes', async () => {
    await startTask();
    tfc.plan = UNCHANGED_PLAN;
    expect(await post(task, runTaskPayload(tfc))).toBe(200);
    await task.idle();
    expect(tfc.callback?.data.attributes).toEqual({ status: 'passed', message: 'modelgate: passed: 0 cells widened, 0 narrowed, 0 SCPs over the limit, 0 attachments added or removed' });
    expect(tfc.callback?.data.relationships).toBeUndefined();
  });

  test('an oversized request body is answered 413 and nothing is fetched', async () => {
    await startTask({ maxRequestBytes: 1024 });
    const body = runTaskPayload(tfc, { run_message: 'x'.repeat(4096) });
    expect(await post(task, body)).toBe(413);
    await task.idle();
    expect(tfc.calls).toEqual([]);
  });

  test('an oversized plan fails the task with a clear message', async () => {
    await startTask({ planCall: { maxBytes: 100, retryDelayMs: 10 } });
    expect(await post(task, runTaskPayload(tfc))).toBe(200);
    await task.idle();
    expect(tfc.callback?.data.attributes.status).toBe('failed');
    expect(tfc.callback?.data.attributes.message).toMatch(/could not review the plan: GET \/api\/v2\/plans\/plan-1\/json-output: the response is (\d+ bytes, )?over the limit of 100/);
  });

  test('a 503 on the plan GET is retried, then the plan is reviewed', async () => {
    await startTask();
    tfc.planAnswers = ['503'];
    expect(await post(task, runTaskPayload(tfc))).toBe(200);
    await task.idle();
    expect(tfc.calls.filter((c) => c.url === '/api/v2/plans/plan-1/json-output')).toHaveLength(2);
    expect(tfc.callback?.data.attributes.status).toBe('failed');
    expect(tfc.callback?.data.attributes.message).toMatch(/1 cell widened/);
  });

  test('a plan GET that never answers times out: a failed result that says so', async () => {
    await startTask({ planCall: { timeoutMs: 200, attempts: 2, retryDelayMs: 10 } });
    tfc.planAnswers = ['hang', 'hang'];
    expect(await post(task, runTaskPayload(tfc))).toBe(200);
    await task.idle();
    expect(tfc.callback?.data.attributes).toEqual({ status: 'failed', message: 'modelgate: could not review the plan: GET /api/v2/plans/plan-1/json-output timed out after 200 ms, 2 attempts' });
  });

  test('a stage without a plan gets a failed result naming the stage to attach to', async () => {
    await startTask();
    expect(await post(task, runTaskPayload(tfc, { stage: 'pre_plan', plan_json_api_url: undefined }))).toBe(200);
    await task.idle();
    expect(tfc.callback?.data.attributes.message).toMatch(/the pre_plan stage has no plan; attach modelgate to workspaces at the post-plan stage/);
  });
});

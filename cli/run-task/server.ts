import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPlanReview } from '../plan-review';
import { isVerificationRequest, parseRunTaskRequest, reviewsPlan, RunTaskRequestError, type RunTaskRequest } from './request';
import { SIGNATURE_HEADER, signatureMatches } from './signature';
import { callTerraformCloud, type CallLimits } from './tfc-client';
import { taskResultOfError, taskResultOfReview, type TaskResultBody } from './task-result';

/** How the run task server reviews plans. */
export interface RunTaskServerOptions {
  /** The governance file whose layers and requests each plan is evaluated against. */
  readonly configFile: string;
  /** The run task's HMAC key; without one, requests are not authenticated. @default none */
  readonly hmacKey?: string;
  /** Which change fails the task, as `report --plan --fail-on`. @default 'widened' */
  readonly failOn?: 'widened' | 'any';
  /** Bytes of request body accepted; a longer one is answered 413. @default 1 MiB */
  readonly maxRequestBytes?: number;
  /** Limits of the plan download. @default 60 s, 4 attempts from 1 s, 50 MiB */
  readonly planCall?: Partial<CallLimits>;
  /** Limits of the callback. @default 30 s, 5 attempts from 1 s */
  readonly callbackCall?: Partial<CallLimits>;
  /** Where each review's outcome is told (one line per run). @default stderr */
  readonly log?: (line: string) => void;
}

const PLAN_CALL: CallLimits = { timeoutMs: 60_000, attempts: 4, retryDelayMs: 1_000, maxBytes: 50 * 1024 * 1024 };
const CALLBACK_CALL: CallLimits = { timeoutMs: 30_000, attempts: 5, retryDelayMs: 1_000, maxBytes: 1024 * 1024 };

/** A running run task server. */
export interface RunTaskServer {
  readonly url: string;
  readonly server: Server;
  /** Resolves when every review started so far has called back. */
  readonly idle: () => Promise<void>;
  readonly close: () => Promise<void>;
}

class BodyTooLargeError extends Error {}

function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) return reject(new BodyTooLargeError());
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.removeAllListeners('data');
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function answer(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end(`${text}\n`);
}

/** The result of one run: fetch the plan with the run's token, review it as `report --plan` does. */
async function resultOf(request: RunTaskRequest & { readonly planJsonApiUrl: string }, options: RunTaskServerOptions): Promise<TaskResultBody> {
  const dir = mkdtempSync(join(tmpdir(), 'modelgate-run-task-'));
  try {
    const plan = await callTerraformCloud(request.planJsonApiUrl, { method: 'GET', token: request.accessToken }, { ...PLAN_CALL, ...options.planCall });
    // The workspace stands for the stack (one workspace per stack, docs/pipelines.md).
    const file = join(dir, `${request.workspaceName.replace(/[^A-Za-z0-9_.-]/g, '-') || 'plan'}.json`);
    writeFileSync(file, plan);
    const review = await buildPlanReview({ configFile: options.configFile, plan: file });
    return taskResultOfReview(review, options.failOn ?? 'widened');
  } catch (error) {
    return taskResultOfError((error as Error).message);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function review(request: RunTaskRequest, options: RunTaskServerOptions): Promise<void> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const result = reviewsPlan(request)
    ? await resultOf({ ...request, planJsonApiUrl: request.planJsonApiUrl ?? '' }, options)
    : taskResultOfError(`the ${request.stage || 'unnamed'} stage has no plan; attach modelgate to workspaces at the post-plan stage`);
  try {
    await callTerraformCloud(request.taskResultCallbackUrl, { method: 'PATCH', token: request.accessToken, body: JSON.stringify(result) }, { ...CALLBACK_CALL, ...options.callbackCall });
    log(`modelgate run-task: ${request.organizationName}/${request.workspaceName} ${request.runId}: ${result.data.attributes.message}`);
  } catch (error) {
    log(`modelgate run-task: ${request.organizationName}/${request.workspaceName} ${request.runId}: the result could not be sent: ${(error as Error).message}`);
  }
}

/**
 * Serves Terraform Cloud's run task protocol: checks the signature, answers 200 at once, then
 * reviews the run's plan and PATCHes the result to the callback URL. Reviews run one at a time
 * (each evaluates every layer with the simulator).
 */
export async function startRunTaskServer(options: RunTaskServerOptions, port = 0, host = '127.0.0.1'): Promise<RunTaskServer> {
  let queue: Promise<void> = Promise.resolve();
  const server = createServer((request, response) => {
    void (async () => {
      if (request.method !== 'POST') return answer(response, request.method === 'GET' ? 200 : 405, 'modelgate run task: POST run task requests here');
      let body: Buffer;
      try {
        body = await readBody(request, options.maxRequestBytes ?? 1024 * 1024);
      } catch (error) {
        return error instanceof BodyTooLargeError ? answer(response, 413, 'request body too large') : answer(response, 400, 'request body unreadable');
      }
      const signature = request.headers[SIGNATURE_HEADER];
      const given = Array.isArray(signature) ? signature[0] : signature;
      if (options.hmacKey === undefined && given !== undefined) return answer(response, 400, 'signed request, but this server has no HMAC key: start it with --hmac-key-env');
      if (options.hmacKey !== undefined && !signatureMatches(body, given, options.hmacKey)) return answer(response, 401, 'bad or missing X-TFC-Task-Signature');
      let task: RunTaskRequest;
      try {
        task = parseRunTaskRequest(body);
      } catch (error) {
        return answer(response, 400, error instanceof RunTaskRequestError ? error.message : 'bad request');
      }
      answer(response, 200, 'accepted');
      if (isVerificationRequest(task)) return;
      queue = queue.then(() => review(task, options));
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`,
    server,
    idle: () => queue,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

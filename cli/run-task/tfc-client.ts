/** How long and how often to try a call to Terraform Cloud. */
export interface CallLimits {
  /** Milliseconds for one attempt, body included. */
  readonly timeoutMs: number;
  /** Attempts in all (the first one and the retries). */
  readonly attempts: number;
  /** Milliseconds before the first retry; doubled for each further one. */
  readonly retryDelayMs: number;
  /** Bytes of response body read at most; a longer body is an error. */
  readonly maxBytes: number;
}

/** A call to Terraform Cloud that did not succeed; the message says which call and why. */
export class TerraformCloudCallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TerraformCloudCallError';
  }
}

/** Rate limiting and server errors are worth another try; other answers will not change. */
export function isRetryable(status: number): boolean {
  return status === 429 || status >= 500;
}

/** The delay before retry `retry` (1 for the first): exponential, or what Retry-After asks within 60 s. */
export function retryDelay(retry: number, baseMs: number, retryAfter: string | null): number {
  const seconds = retryAfter === null ? Number.NaN : Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, 60) * 1000;
  return baseMs * 2 ** (retry - 1);
}

async function readBounded(response: Response, maxBytes: number, what: string): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new TerraformCloudCallError(`${what}: the response is ${declared} bytes, over the limit of ${maxBytes}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += (chunk as Uint8Array).length;
    if (size > maxBytes) throw new TerraformCloudCallError(`${what}: the response is over the limit of ${maxBytes} bytes`);
    chunks.push(Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One call with the run's token, retried with backoff on 429, 5xx and network errors, each attempt
 * bounded in time and the body in size. Redirects are followed (the plan JSON is served from a
 * redirect); fetch drops the Authorization header when a redirect leaves the origin.
 */
export async function callTerraformCloud(url: string, init: { readonly method: 'GET' | 'PATCH'; readonly token: string; readonly body?: string }, limits: CallLimits): Promise<Buffer> {
  const what = `${init.method} ${new URL(url).pathname}`;
  let failure = '';
  for (let attempt = 1; attempt <= limits.attempts; attempt++) {
    let retryAfter: string | null = null;
    try {
      const response = await fetch(url, {
        method: init.method,
        redirect: 'follow',
        headers: { Authorization: `Bearer ${init.token}`, ...(init.body === undefined ? {} : { 'Content-Type': 'application/vnd.api+json' }) },
        ...(init.body === undefined ? {} : { body: init.body }),
        signal: AbortSignal.timeout(limits.timeoutMs),
      });
      if (response.ok) return await readBounded(response, limits.maxBytes, what);
      await response.body?.cancel();
      failure = `${what} answered ${response.status}`;
      if (!isRetryable(response.status)) throw new TerraformCloudCallError(failure);
      retryAfter = response.headers.get('retry-after');
    } catch (error) {
      if (error instanceof TerraformCloudCallError) throw error;
      const name = (error as Error).name;
      failure = name === 'TimeoutError' || name === 'AbortError' ? `${what} timed out after ${limits.timeoutMs} ms` : `${what} failed (${(error as Error).message})`;
    }
    if (attempt < limits.attempts) await sleep(retryDelay(attempt, limits.retryDelayMs, retryAfter));
  }
  throw new TerraformCloudCallError(`${failure}, ${limits.attempts} attempt${limits.attempts === 1 ? '' : 's'}`);
}

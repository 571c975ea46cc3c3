import { createHmac, timingSafeEqual } from 'node:crypto';

// Terraform Cloud signs the raw request body with the run task's HMAC key, SHA-512, hex, in this
// header (hashicorp/terraform-run-task-scaffolding-go internal/sdk/handler/hmac.go).
export const SIGNATURE_HEADER = 'x-tfc-task-signature';

/** The signature Terraform Cloud sends for `body` under `key`: HMAC-SHA512 of the raw bytes, hex. */
export function taskSignature(body: Buffer | string, key: string): string {
  return createHmac('sha512', key).update(body).digest('hex');
}

/** Whether `signature` is the signature of `body` under `key`, compared in constant time. */
export function signatureMatches(body: Buffer, signature: string | undefined, key: string): boolean {
  if (signature === undefined) return false;
  const expected = Buffer.from(taskSignature(body, key), 'utf8');
  const given = Buffer.from(signature.trim().toLowerCase(), 'utf8');
  // timingSafeEqual throws on different lengths; a wrong length is simply a wrong signature.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Whether an organizationPolicy entry names a guardrail by ARN (else by its guardrails: name). */
export function isGuardrailArn(entry: string): boolean {
  return entry.startsWith('arn:');
}

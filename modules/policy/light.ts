/**
 * The light face of modules/policy: what the code that places compiled governance needs from this
 * module (the names and the few documents made at placement, the intent digest, the compile error),
 * without the compiler, the IAM catalog and the config schema they load. index.ts, the full face,
 * exports all of this too. `npm test` checks that this face stays light
 * (__tests__/architecture/light-faces.test.ts).
 */
export { bedrockPolicyContent, guardrailResourcePolicy } from './guardrail-enforcement';
export { intentDigest } from './intent-digest';
export { PolicyCompileError } from './policy-compile-error';
export * from './resource-policies/names';
export { trustPolicy, type TrustedPrincipals } from './roles/trust-policy';

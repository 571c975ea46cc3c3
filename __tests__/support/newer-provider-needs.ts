import { compareVersions } from '../../modules/config';

/**
 * What the offline Terraform suite leaves out of a stack when the mirror's hashicorp/aws is older
 * than what a resource needs: the resource, and everything that refers to it, so that the rest of
 * the stack (the SCPs above all) is still validated and planned. The stack is planned from a copy;
 * the synthesized file is never changed.
 */

/** A resource type, or some resources of a type, that only newer hashicorp/aws releases accept. */
export interface NewerProviderNeed {
  readonly type: string;
  /** The first release that accepts it. */
  readonly minimum: string;
  /** What needs the release, as the reason says it: "filter_expression", "the resource type". */
  readonly what: string;
  /** Which resources of the type need it. @default every one */
  readonly applies?: (resource: Readonly<Record<string, unknown>>) => boolean;
}

/**
 * The needs, by resource type (first releases from the provider's source per release tag,
 * lonegunmanb/terraform-provider-aws-index, and its changelog). modelgate's own constraint for each
 * is in modules/config/deployment/provider-needs.ts; this table says what the suite drops.
 */
export const NEWER_PROVIDER_NEEDS: readonly NewerProviderNeed[] = [
  // filter_expression from 6.33.0, usable from 6.41.0 with metrics (provider issue #46866).
  { type: 'aws_budgets_budget', minimum: '6.41.0', what: 'filter_expression', applies: (resource) => resource.filter_expression !== undefined },
  { type: 'aws_sagemaker_hub_content_reference', minimum: '6.51.0', what: 'the resource type' },
  // Organizations policy type BEDROCK_POLICY: the type list of the AWS SDK for Go the provider validates against.
  { type: 'aws_organizations_policy', minimum: '6.26.0', what: 'type BEDROCK_POLICY', applies: (resource) => resource.type === 'BEDROCK_POLICY' },
];

/** One resource the suite plans the stack without, and why. */
export interface LeftOut {
  /** The resource's address in the stack, e.g. aws_budgets_budget.spend-budgets_sandbox_1A2B3C4D. */
  readonly address: string;
  readonly reason: string;
}

type Blocks = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** The parts of a synthesized stack this looks at. */
export interface StackBlocks {
  readonly resource?: Readonly<Record<string, Blocks>>;
  readonly data?: Readonly<Record<string, Blocks>>;
  readonly output?: Blocks;
}

/**
 * The resources the mirror cannot plan: those of a need above the mirror's release, those of a type
 * its schema lacks (no known first release), then, until nothing changes, every resource that
 * refers to one left out (an interpolation or a depends_on).
 */
export function leftOutOnMirror(stack: StackBlocks, mirror: { readonly awsVersion: string; readonly resourceTypes: ReadonlySet<string> }): LeftOut[] {
  const leftOut = new Map<string, string>();
  const resources = Object.entries(stack.resource ?? {}).flatMap(([type, byName]) => Object.entries(byName).map(([name, body]) => ({ type, address: `${type}.${name}`, body })));
  for (const { type, address, body } of resources) {
    const need = NEWER_PROVIDER_NEEDS.find((n) => n.type === type && (n.applies?.(body) ?? true));
    if (need && compareVersions(mirror.awsVersion, need.minimum) < 0) {
      leftOut.set(address, `${need.what} needs hashicorp/aws >= ${need.minimum}; the mirror has ${mirror.awsVersion}`);
    } else if (!mirror.resourceTypes.has(type)) {
      leftOut.set(address, `the resource type needs a hashicorp/aws release after the mirror's ${mirror.awsVersion}`);
    }
  }
  let grew = leftOut.size > 0;
  while (grew) {
    grew = false;
    for (const { address, body } of resources) {
      if (leftOut.has(address)) continue;
      const referenced = [...leftOut.keys()].find((removed) => refersTo(body, removed));
      if (referenced) {
        leftOut.set(address, `refers to ${referenced}, which is left out`);
        grew = true;
      }
    }
  }
  return [...leftOut].map(([address, reason]) => ({ address, reason }));
}

/** The stack without the resources left out, and without the data sources and outputs that refer to them. */
export function withoutLeftOut<T extends StackBlocks>(stack: T, leftOut: readonly LeftOut[]): T {
  if (leftOut.length === 0) return stack;
  const removed = leftOut.map((l) => l.address);
  const keeps = (body: unknown): boolean => !removed.some((address) => refersTo(body, address));
  const resource = Object.fromEntries(
    Object.entries(stack.resource ?? {})
      .map(([type, byName]) => [type, Object.fromEntries(Object.entries(byName).filter(([name]) => !removed.includes(`${type}.${name}`)))] as const)
      .filter(([, byName]) => Object.keys(byName).length > 0),
  );
  const data = Object.fromEntries(
    Object.entries(stack.data ?? {})
      .map(([type, byName]) => [type, Object.fromEntries(Object.entries(byName).filter(([, body]) => keeps(body)))] as const)
      .filter(([, byName]) => Object.keys(byName).length > 0),
  );
  const output = Object.fromEntries(Object.entries(stack.output ?? {}).filter(([, body]) => keeps(body)));
  return {
    ...stack,
    ...(stack.resource ? { resource } : {}),
    ...(stack.data ? { data } : {}),
    ...(stack.output ? { output } : {}),
  };
}

/** Whether a block names the address: `${aws_x.name}`, `${aws_x.name.arn}`, or "aws_x.name" in depends_on. */
function refersTo(body: unknown, address: string): boolean {
  const escaped = address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w.-])${escaped}(?![\\w-])`).test(JSON.stringify(body));
}

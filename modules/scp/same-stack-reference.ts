import { Token, type IResolvable, type IResolveContext, type TerraformResource } from 'cdktf';

/**
 * An attribute of a resource, referenced from the same stack: renders as cdktf's own
 * `resource.<attribute>` does (`${type.logical_id.attribute}`). cdktf's reference records the whole
 * call stack when it is created, for error messages (about 0.1 ms each: a third of the time spent
 * placing the SCPs of a 10,000-account organization); this one records nothing. Only for a
 * reference that stays in its resource's stack: it takes no part in cdktf's cross-stack outputs.
 */
export function sameStackReference(resource: TerraformResource, attribute: string): string {
  return Token.asString(new SameStackReference(resource, attribute));
}

class SameStackReference implements IResolvable {
  readonly creationStack: string[] = [];

  constructor(
    private readonly resource: TerraformResource,
    private readonly attribute: string,
  ) {}

  resolve(context: IResolveContext): string {
    const expression = `${this.resource.terraformResourceType}.${this.resource.friendlyUniqueId}.${this.attribute}`;
    // As cdktf's reference: bare inside an expression that is already braced, braced alone.
    const braced = !context.suppressBraces;
    context.suppressBraces = true;
    return braced ? `\${${expression}}` : expression;
  }

  toString(): string {
    return Token.asString(this);
  }
}

import { Lazy, TerraformElement, Token, Tokenization, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';

/**
 * Terraform reads every string of a resource, data source or provider block, and an output's
 * value, as a template: `${...}` is evaluated (`${file("secrets.txt")}` reads a file on the machine
 * that plans) and `%{...}` runs a directive; `$${` and `%%{` stand for the literal characters.
 * modelgate writes Terraform expressions only as cdktf tokens (references, function calls), so
 * every other string there is literal text: the config's tags, names, descriptions, messages and
 * the policy documents. This aspect escapes them in each element's configuration before cdktf
 * resolves its tokens, the one point where a literal and an expression can still be told apart.
 *
 * Left as they are: the `terraform` block (backends, provider versions) and output descriptions,
 * which Terraform decodes without evaluation (there `$${` would stay two dollars, checked with
 * Terraform 1.11); and the text inside cdktf function calls, which cdktf escapes itself for `${`
 * (only the stored queries go there, and their text cannot hold `%{`: model patterns exclude both).
 */
export class LiteralText implements IAspect {
  private readonly escaped = new WeakSet<TerraformElement>();

  visit(node: IConstruct): void {
    if (!TerraformElement.isTerraformElement(node) || this.escaped.has(node)) return;
    this.escaped.add(node);
    // cdktf has no hook between an element's configuration and token resolution: wrap its output.
    const configuration = node.toTerraform.bind(node);
    node.toTerraform = () => literalConfiguration(configuration());
  }
}

/** `text` with every `${` and `%{` escaped, so that Terraform reads it as the characters written. */
export function escapeTemplateSequences(text: string): string {
  return text.replace(/([$%])\{/g, '$1$1{');
}

/** The top-level sections of an element's configuration whose strings Terraform evaluates. */
const EVALUATED = new Set(['resource', 'data', 'provider', 'locals']);

/**
 * One element's Terraform JSON fragment, with the strings Terraform would evaluate made literal;
 * the fragment itself when nothing needed escaping, as literalValue does.
 */
function literalConfiguration(fragment: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const [section, body] of Object.entries(fragment)) {
    const literal = literalSection(section, body);
    if (literal === body) continue;
    copy ??= { ...fragment };
    copy[section] = literal;
  }
  return copy ?? fragment;
}

function literalSection(section: string, body: unknown): unknown {
  if (EVALUATED.has(section)) return literalValue(body);
  if (section === 'output' && isPlainObject(body)) {
    return Object.fromEntries(Object.entries(body).map(([name, output]) => [name, isPlainObject(output) ? { ...output, value: literalValue(output.value) } : output]));
  }
  return body;
}

/**
 * The value with its strings made literal. What holds nothing to escape is returned as it is, not
 * copied: that is almost everything, and cdktf resolves (copies) the fragment anyway.
 */
function literalValue(value: unknown): unknown {
  if (typeof value === 'string') return literalString(value);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, index) => {
      const literal = literalValue(item);
      if (literal === item) return;
      copy ??= [...value];
      copy[index] = literal;
    });
    return copy ?? value;
  }
  // A token object (a reference, a function call, a lazy value) is an expression cdktf renders.
  if (!isPlainObject(value) || Tokenization.isResolvable(value)) return value;
  // Keys too: Terraform reads the keys of a map (tag keys) as templates as well.
  const keys = Object.keys(value);
  for (const [index, key] of keys.entries()) {
    const literalKey = literalString(key);
    const literal = literalValue(value[key]);
    if (literalKey === key && literal === value[key]) continue;
    // The entries before this one stay as they are; this one and the rest are made literal.
    return Object.fromEntries([
      ...keys.slice(0, index).map((before) => [before, value[before]]),
      [literalKey, literal],
      ...keys.slice(index + 1).map((after) => [literalString(after), literalValue(value[after])]),
    ]);
  }
  return value;
}

/** cdktf's encoding of a string token inside a string (cdktf/lib/tokens/private/encoding). */
const STRING_TOKEN = /(\$\{TfToken\[[a-zA-Z0-9:._-]+\]\})/;

/** What a template sequence, or cdktf's encoding of a string token, starts with. */
const TEMPLATE_START = /[$%]\{/;

function literalString(text: string): string {
  // Most strings (names, ids, policy JSON) hold neither: nothing to escape, and no string token to keep.
  if (!TEMPLATE_START.test(text)) return text;
  if (!Token.isUnresolved(text)) return escapeTemplateSequences(text);
  // Text around tokens: escape the text, keep the tokens (odd indexes of the split).
  return text
    .split(STRING_TOKEN)
    .map((part, index) => (index % 2 === 1 ? part : literalBesideToken(part)))
    .join('');
}

/**
 * Beside a token, cdktf reads a `${` of the text as the start of a raw expression and would drop
 * the braces of the token after it; escaped text that holds one is handed over as a resolved value.
 */
function literalBesideToken(text: string): string {
  const escaped = escapeTemplateSequences(text);
  return escaped.includes('${') ? Token.asString(Lazy.stringValue({ produce: () => escaped })) : escaped;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

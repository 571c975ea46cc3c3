import { Parser } from 'node-sql-parser';
import {
  CLOUDTRAIL_LAKE_FIELDS,
  EVENT_DATA_STORE_PLACEHOLDER,
  likePattern,
  storedQueries,
  USER_IDENTITY_FIELDS,
} from '../../../modules/monitoring';

const parser = new Parser();
const TRINO = { database: 'trino' };
const queries = storedQueries({ modelPatterns: ['deepseek*', 'llama-3?'] });

/** Column references of a query as `table::column` (table is null, or userIdentity for its nested fields). */
function columnsOf(sql: string): { table: string; column: string }[] {
  return parser.columnList(sql, TRINO).map((entry) => {
    const [, table, column] = entry.split('::');
    return { table: table ?? 'null', column: column ?? '' };
  });
}

/** Names a query gives its own columns with AS: ORDER BY may use them. */
function aliasesOf(sql: string): string[] {
  const ast = parser.astify(sql, TRINO) as unknown as { columns: { as: string | null }[] };
  return ast.columns.map((c) => c.as).filter((a): a is string => a !== null);
}

describe('stored CloudTrail Lake queries', () => {
  test('the library has the queries the issue asks for, in name order', () => {
    expect(queries.map((q) => q.name)).toEqual([
      'denied-model-calls',
      'governance-scp-changes',
      'import-and-customization-jobs',
      'marketplace-subscriptions',
      'model-invocations',
      'public-hub-access',
      'sagemaker-models-matching-patterns',
    ]);
  });

  describe.each(queries.map((q) => [q.name, q.sql] as const))('%s', (_name, sql) => {
    test('parses as one Trino SELECT from the event data store', () => {
      const ast = parser.astify(sql, TRINO);
      expect(Array.isArray(ast) ? ast.length : 1).toBe(1);
      expect((Array.isArray(ast) ? ast[0] : ast)?.type).toBe('select');
      expect(parser.tableList(sql, TRINO)).toEqual([`select::null::${EVENT_DATA_STORE_PLACEHOLDER}`]);
    });

    test('names only CloudTrail event fields that exist (or its own aliases)', () => {
      const aliases = aliasesOf(sql);
      for (const { table, column } of columnsOf(sql)) {
        if (table === 'null') expect([...CLOUDTRAIL_LAKE_FIELDS, ...aliases]).toContain(column);
        else {
          expect(table).toBe('userIdentity');
          expect(USER_IDENTITY_FIELDS).toContain(column.toLowerCase());
        }
      }
    });

    test('looks back a bounded time (CloudTrail Lake bills the data scanned)', () => {
      expect(sql).toContain("eventTime > date_add('day', -30, now())");
    });
  });

  test('a query is rendered for a given store id', () => {
    const [query] = storedQueries({ modelPatterns: [] }, 'abcd1234');
    expect(query?.sql).toContain('\nFROM abcd1234\n');
    expect(query?.sql).not.toContain(EVENT_DATA_STORE_PLACEHOLDER);
  });

  test('the CreateModel query searches the primary container for every configured pattern', () => {
    const sql = queries.find((q) => q.name === 'sagemaker-models-matching-patterns')?.sql ?? '';
    expect(sql).toContain("lower(element_at(requestParameters, 'primaryContainer')) LIKE '%deepseek%'");
    expect(sql).toContain("lower(element_at(requestParameters, 'primaryContainer')) LIKE '%llama-3_%'");
  });

  test('without model patterns there is no CreateModel query', () => {
    expect(storedQueries({ modelPatterns: [] }).map((q) => q.name)).not.toContain('sagemaker-models-matching-patterns');
  });

  test.each([
    ['deepseek*', '%deepseek%'],
    ['deepseek.*', '%deepseek.%'],
    ['Meta.Llama3-8B?', '%meta.llama3-8b_%'],
    ['*', '%'],
    ["o'brien", "%o''brien%"],
  ])('model glob %s becomes LIKE %s', (glob, like) => {
    expect(likePattern(glob)).toBe(like);
  });
});

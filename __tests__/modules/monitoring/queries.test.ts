import { Parser } from 'node-sql-parser';
import {
  athenaQueries,
  CLOUDTRAIL_LAKE_FIELDS,
  EVENT_DATA_STORE_PLACEHOLDER,
  likePattern,
  storedQueries,
  TRAIL_PARTITION_COLUMNS,
  TRAIL_TABLE_COLUMNS,
  TRAIL_USER_IDENTITY_FIELDS,
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

describe('the same library in Athena SQL over the organization trail table', () => {
  const ATHENA = { database: 'athena' };
  const table = { database: 'modelgate_audit', table: 'cloudtrail_logs' };
  const athena = athenaQueries({ modelPatterns: ['deepseek*', 'llama-3?'] }, table);
  const columns = [...TRAIL_TABLE_COLUMNS, ...TRAIL_PARTITION_COLUMNS].map((c) => c.name);

  test('has the same queries, in the same order, with the same descriptions', () => {
    expect(athena.map((q) => [q.name, q.description])).toEqual(queries.map((q) => [q.name, q.description]));
  });

  describe.each(athena.map((q) => [q.name, q.sql] as const))('%s', (_name, sql) => {
    test('parses as one Athena SELECT from the trail table', () => {
      const ast = parser.astify(sql, ATHENA);
      expect(Array.isArray(ast) ? ast.length : 1).toBe(1);
      expect((Array.isArray(ast) ? ast[0] : ast)?.type).toBe('select');
      expect(parser.tableList(sql, ATHENA)).toEqual(['select::modelgate_audit::cloudtrail_logs']);
    });

    test('names only columns of the Glue table (or its own aliases)', () => {
      const aliases = (parser.astify(sql, ATHENA) as unknown as { columns: { as: string | null }[] }).columns.map((c) => c.as).filter((a): a is string => a !== null);
      const named = parser.columnList(sql, ATHENA).map((entry) => entry.split('::').slice(1));
      expect(named.length).toBeGreaterThan(3);
      for (const [tableName, column] of named) {
        if (tableName === 'null') expect([...columns, ...aliases]).toContain(column);
        else {
          expect(tableName).toBe('useridentity');
          expect(TRAIL_USER_IDENTITY_FIELDS).toContain(column);
        }
      }
    });

    test('names columns in lower case and reads request parameters from the JSON text, never with element_at', () => {
      expect(sql).not.toContain('element_at');
      expect(sql).not.toMatch(/\b(eventTime|eventSource|eventName|userIdentity|requestParameters)\b/);
    });

    test('filters on the log_date partition, so projection reads 30 days of objects, and on the event time', () => {
      expect(sql).toContain("log_date >= date_format(date_add('day', -30, current_date), '%Y/%m/%d')");
      expect(sql).toContain("from_iso8601_timestamp(eventtime) > date_add('day', -30, now())");
    });
  });

  test('a request parameter is a JSON path; an object-valued one is kept as JSON text', () => {
    const invocations = athena.find((q) => q.name === 'model-invocations')?.sql ?? '';
    expect(invocations).toContain("json_extract_scalar(requestparameters, '$.modelId') AS modelId");
    const models = athena.find((q) => q.name === 'sagemaker-models-matching-patterns')?.sql ?? '';
    expect(models).toContain("lower(json_format(json_extract(requestparameters, '$.primaryContainer'))) LIKE '%deepseek%'");
  });
});

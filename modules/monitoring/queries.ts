import type { ResolvedMonitoring } from '../config';
import { auditQueries, LOOKBACK_DAYS, type AuditQuery, type QueryFilter, type RecordField } from './audit-queries';

/**
 * The audit query library rendered for each engine. CloudTrail Lake SQL names the store by its id,
 * which is not known at synth, so its text carries EVENT_DATA_STORE_PLACEHOLDER, which the root
 * stack's outputs replace with the real id and the files under cdktf.out/queries keep. Athena SQL
 * names the Glue table over the organization trail.
 */
export const EVENT_DATA_STORE_PLACEHOLDER = 'EVENT_DATA_STORE_ID';

/** One stored query: a file name stem and its SQL. */
export interface StoredQuery {
  /** kebab-case name: the file is queries/<name>.sql and the output query_<name with _>. */
  readonly name: string;
  readonly description: string;
  readonly sql: string;
}

/** How one engine spells a field, the table, and the time window. */
interface SqlDialect {
  readonly field: (field: RecordField) => string;
  readonly from: string;
  /** Conditions added to every WHERE: the lookback, and for Athena the partition filter that keeps the scan small. */
  readonly window: readonly string[];
}

/** The query library in CloudTrail Lake SQL, for one store id (or the placeholder). */
export function storedQueries(monitoring: Pick<ResolvedMonitoring, 'modelPatterns'>, storeId = EVENT_DATA_STORE_PLACEHOLDER): StoredQuery[] {
  return auditQueries(monitoring).map((query) => rendered(query, lakeDialect(storeId)));
}

/** The query library in Athena SQL over the trail table `<database>.<table>`. */
export function athenaQueries(monitoring: Pick<ResolvedMonitoring, 'modelPatterns'>, table: { readonly database: string; readonly table: string }): StoredQuery[] {
  return auditQueries(monitoring).map((query) => rendered(query, athenaDialect(`${table.database}.${table.table}`)));
}

/** Lake: camelCase record fields, requestParameters a map read with element_at, eventTime a timestamp. */
function lakeDialect(storeId: string): SqlDialect {
  const field = (f: RecordField): string => ('record' in f ? f.record : 'identity' in f ? `userIdentity.${f.identity}` : `element_at(requestParameters, '${f.parameter}')`);
  return { field, from: storeId, window: [`eventTime > date_add('day', -${LOOKBACK_DAYS}, now())`] };
}

/**
 * Athena over the trail's JSON records: lower-case columns, requestparameters JSON text (a nested
 * object is kept as JSON text), eventtime an ISO 8601 string, and the log_date partition (yyyy/MM/dd)
 * bounded so that partition projection reads only the days asked for.
 */
function athenaDialect(table: string): SqlDialect {
  const field = (f: RecordField): string => {
    if ('record' in f) return f.record.toLowerCase();
    if ('identity' in f) return `useridentity.${f.identity.toLowerCase()}`;
    return f.object ? `json_format(json_extract(requestparameters, '$.${f.parameter}'))` : `json_extract_scalar(requestparameters, '$.${f.parameter}')`;
  };
  return {
    field,
    from: table,
    window: [`log_date >= date_format(date_add('day', -${LOOKBACK_DAYS}, current_date), '%Y/%m/%d')`, `from_iso8601_timestamp(eventtime) > date_add('day', -${LOOKBACK_DAYS}, now())`],
  };
}

function rendered(query: AuditQuery, dialect: SqlDialect): StoredQuery {
  const { field } = dialect;
  const outputs = query.select.map((o) => ('count' in o ? `count(*) AS ${o.as}` : o.as ? `${field(o.field)} AS ${o.as}` : field(o.field)));
  const order = 'output' in query.orderByDescending ? query.orderByDescending.output : field(query.orderByDescending);
  const lines = [
    `SELECT ${outputs.join(', ')}`,
    `FROM ${dialect.from}`,
    `WHERE ${[...query.where.map((w) => condition(w, field)), ...dialect.window].join(' AND ')}`,
    ...(query.groupBy ? [`GROUP BY ${query.groupBy.map(field).join(', ')}`] : []),
    `ORDER BY ${order} DESC`,
  ];
  return { name: query.name, description: query.description, sql: lines.join('\n') };
}

function condition(filter: QueryFilter, field: (f: RecordField) => string): string {
  const subject = field(filter.field);
  if ('equals' in filter) return `${subject} = ${literal(filter.equals)}`;
  if ('in' in filter) return `${subject} IN (${filter.in.map(literal).join(', ')})`;
  return `(${filter.lowerLike.map((like) => `lower(${subject}) LIKE '${like}'`).join(' OR ')})`;
}

/** A SQL string literal; the library's values have no quote, and like patterns arrive escaped. */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

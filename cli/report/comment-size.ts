/** The most characters GitHub accepts in one pull-request comment. */
export const COMMENT_LIMIT = 65_536;

/** How much of each long part the Markdown report shows; a shown part is never cut in the middle of a row. */
export interface MarkdownLimits {
  /** Rows of a long table (matrix, budget, changes, ...) before the rest is counted in a note. */
  readonly tableRows: number;
  /** Whether the organization diagram is shown, or only named. */
  readonly diagram: boolean;
  /** Layer names listed in one "same access as the parent" line before the rest is counted. */
  readonly namesPerGroup: number;
}

/** Everything shown: what the report writes when it fits one comment. */
export const NO_LIMITS: MarkdownLimits = { tableRows: Number.POSITIVE_INFINITY, diagram: true, namesPerGroup: Number.POSITIVE_INFINITY };

/**
 * The Markdown that fits one pull-request comment: rendered in full, then, while too long, without
 * the diagram, then with fewer rows per long table and fewer names per group, halving each time.
 * What is left out is counted in the Markdown and kept in full in the JSON report.
 */
export function fitComment(render: (limits: MarkdownLimits) => string, limit = COMMENT_LIMIT): string {
  let limits = NO_LIMITS;
  let text = render(limits);
  if (text.length <= limit) return text;
  limits = { ...limits, diagram: false };
  text = render(limits);
  let rows = 512;
  while (text.length > limit && rows >= 1) {
    limits = { diagram: false, tableRows: rows, namesPerGroup: Math.min(20, rows) };
    text = render(limits);
    rows = Math.floor(rows / 2);
  }
  return text;
}

/** The first `limit` rows of a table body, and a line counting the rest. */
export function limitRows(rows: readonly string[], limit: number, rest: (left: number) => string): string[] {
  if (rows.length <= limit) return [...rows];
  return [...rows.slice(0, limit), '', rest(rows.length - limit)];
}

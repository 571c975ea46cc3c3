/** Table cells and deny references shared by the sections of the Markdown report. */
import type { AccessCell, DenyingStatement } from './access-matrix';

/** Numbers each distinct deny statement (D1, D2, ...) in order of first use. */
export class DenyRefs {
  readonly statements: DenyingStatement[] = [];

  private readonly index = new Map<string, number>();

  /** @param prefix the letter of the references, e.g. `D` for the matrix and `R` for the roles */
  constructor(private readonly prefix = 'D') {}

  /** The reference of a statement, numbered on first use. */
  ref(statement: DenyingStatement): string {
    const key = `${statement.layer}\u0000${statement.policy ?? ''}\u0000${statement.sid ?? ''}`;
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.statements.push(statement);
      this.index.set(key, i);
    }
    return `${this.prefix}${i}`;
  }

  /** The table that resolves the references, or a line saying none was needed. */
  legend(): string[] {
    if (this.statements.length === 0) return ['No request was denied.'];
    return [
      row(['', 'Attached to', 'Policy', 'Statement (Sid)']),
      row(['---', '---', '---', '---']),
      ...this.statements.map((s, i) =>
        row([`${this.prefix}${i + 1}`, escapeCell(s.layer), s.policy === undefined ? 'none: no Allow at this layer' : `\`${s.policy}\``, s.sid === undefined ? '' : `\`${s.sid}\``]),
      ),
    ];
  }
}

/** A cell of a matrix table: ✅, or ⛔ with the references of the denying statements. */
export function shortCell(cell: AccessCell, refs: DenyRefs): string {
  if (cell.decision === 'Allowed') return '✅';
  return `⛔ ${cell.deniedBy.map((s) => refs.ref(s)).join(', ')}`;
}

/** A cell spelled out, for the diff tables. */
export function longCell(cell: AccessCell): string {
  if (cell.decision === 'Allowed') return '✅ Allowed';
  return `⛔ Denied by ${cell.deniedBy.map(describeStatement).join('; ')}`;
}

/** One deny statement in words: Sid, policy and where it is attached. */
export function describeStatement(s: DenyingStatement): string {
  if (s.policy === undefined) return `no Allow at ${s.layer}`;
  return `\`${s.sid ?? '(no Sid)'}\` in \`${s.policy}\` (${escapeCell(s.layer)})`;
}

/** One Markdown table row. */
export function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Plain text in a table cell: globs such as `deepseek.*, deepseek.r1*` must not turn into emphasis. */
export function escapeCell(text: string): string {
  return text.replace(/[\\*_|]/g, '\\$&').replace(/</g, '&lt;').replace(/\n/g, ' ');
}

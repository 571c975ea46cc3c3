/** Reports how far a long piece of work is: counts and an estimate of the time left. */
export interface Progress {
  /** `done` of `total` units are finished. */
  update(done: number, total: number): void;
  /** The work is over: ends the progress line, if one was shown. */
  finish(): void;
}

/** Where and when progress is shown. */
export interface ProgressOptions {
  /** What is counted, e.g. `modelgate report: simulator requests`. */
  readonly label: string;
  /** Show progress even when the stream is not a terminal (`--progress`, e.g. in CI). @default false */
  readonly forced?: boolean;
  /** @default process.stderr */
  readonly stream?: Pick<NodeJS.WriteStream, 'write' | 'isTTY'>;
  /** Nothing is shown before the work has taken this long. @default 2000 */
  readonly delayMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/** Progress that shows nothing: for work that is quiet. */
export const NO_PROGRESS: Progress = { update: () => undefined, finish: () => undefined };

/**
 * Progress on stderr for work that takes longer than about two seconds: on a terminal one line,
 * rewritten at most four times a second; elsewhere (only when forced) a line every two seconds,
 * so that a CI log stays short. Quiet work and pipelines that did not ask see nothing.
 */
export function progressOnStderr(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const terminal = stream.isTTY === true;
  if (!terminal && !options.forced) return NO_PROGRESS;
  const now = options.now ?? Date.now;
  const delayMs = options.delayMs ?? 2000;
  const start = now();
  let shownAt: number | undefined;
  return {
    update(done, total) {
      const at = now();
      if (at - start < delayMs) return;
      if (shownAt !== undefined && at - shownAt < (terminal ? 250 : 2000)) return;
      shownAt = at;
      const elapsed = at - start;
      const left = done > 0 && done < total ? Math.ceil(((elapsed / done) * (total - done)) / 1000) : undefined;
      const percent = total > 0 ? Math.floor((100 * done) / total) : 100;
      const line = `${options.label}: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} (${percent}%)${left === undefined ? '' : `, about ${left} s left`}`;
      stream.write(terminal ? `\r${line}\u001b[K` : `${line}\n`);
    },
    finish() {
      if (shownAt !== undefined && terminal) stream.write('\n');
    },
  };
}

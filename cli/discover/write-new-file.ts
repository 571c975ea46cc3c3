import { existsSync, linkSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The file exists and may not be replaced. */
export class FileExistsError extends Error {
  constructor(readonly file: string) {
    super(`${file} already exists; pass --force to replace it, or compare it with the organization: modelgate discover --check ${file}`);
    this.name = 'FileExistsError';
  }
}

/**
 * Writes a file whole or not at all: the text goes to a temporary file beside it, which then takes
 * the file's name in one step. Without `overwrite`, a hard link claims the name, which fails
 * (rather than replaces) when a file appeared there in the meantime.
 */
export function writeNewFile(file: string, text: string, options: { readonly overwrite: boolean }): void {
  if (!options.overwrite && existsSync(file)) throw new FileExistsError(file);
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  writeFileSync(temporary, text, { flag: 'wx' });
  try {
    if (options.overwrite) {
      renameSync(temporary, file);
    } else {
      try {
        linkSync(temporary, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new FileExistsError(file);
        throw error;
      }
    }
  } finally {
    rmSync(temporary, { force: true });
  }
}

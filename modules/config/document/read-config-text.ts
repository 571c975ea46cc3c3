import { closeSync, openSync, readSync } from 'node:fs';
import { MAX_CONFIG_BYTES } from './input-limits';
import { ConfigError, type ConfigProblem } from './problems';

/**
 * Reads a governance file as UTF-8 text, refusing what cannot be a governance file before it costs
 * memory: more than MAX_CONFIG_BYTES (read in chunks, so an endless source such as /dev/zero or a
 * FIFO is refused after MAX_CONFIG_BYTES + 1 bytes), or bytes that are not UTF-8 (located at the
 * first bad byte, instead of silently replaced by U+FFFD).
 */
export function readConfigText(file: string): string {
  return decodeConfigBytes(readConfigBytes(file), file);
}


/** Decodes UTF-8 (a leading byte order mark is dropped); bytes that are not UTF-8 are refused where they are. */
export function decodeConfigBytes(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
    const lines = before.split('\n');
    const line = lines.length;
    const column = (lines[line - 1] ?? '').length + 1;
    const shown = [...bytes.subarray(offset, offset + 4)].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(' ');
    throw new ConfigError([
      problem(file, `the file is not UTF-8: byte ${offset} (${shown}...) is not a UTF-8 character; save the file as UTF-8`, line, column),
    ]);
  }
}

/** The bytes of a governance file, not decoded yet, refused beyond MAX_CONFIG_BYTES as readConfigText says. */
export function readConfigBytes(file: string): Uint8Array {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw new ConfigError([problem(file, `cannot read the governance file (${reasonOf(error)}); write one, or point MODELGATE_CONFIG at it`)]);
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, MAX_CONFIG_BYTES + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > MAX_CONFIG_BYTES) {
        throw new ConfigError([
          problem(
            file,
            `the governance file is larger than ${MAX_CONFIG_BYTES.toLocaleString('en-US')} bytes, the most modelgate reads (an organization of the largest size AWS allows fits well within it); is this the right file?`,
          ),
        ]);
      }
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError([problem(file, `cannot read the governance file (${reasonOf(error)})`)]);
  } finally {
    closeSync(fd);
  }
}

/**
 * The offset of the first byte that does not start or continue a well-formed UTF-8 sequence
 * (Unicode 15, table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF).
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const [length, low, high] = b < 0x80 ? [1, 0, 0] : b >= 0xc2 && b <= 0xdf ? [2, 0x80, 0xbf] : leadOf(b);
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (next === undefined || next < min || next > max) return i;
    }
    i += length;
  }
  return bytes.length;
}

/** Length and allowed range of the second byte for a 3- or 4-byte lead byte; length 0 when `b` cannot lead. */
function leadOf(b: number): readonly [number, number, number] {
  if (b === 0xe0) return [3, 0xa0, 0xbf];
  if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) return [3, 0x80, 0xbf];
  if (b === 0xed) return [3, 0x80, 0x9f];
  if (b === 0xf0) return [4, 0x90, 0xbf];
  if (b >= 0xf1 && b <= 0xf3) return [4, 0x80, 0xbf];
  if (b === 0xf4) return [4, 0x80, 0x8f];
  return [0, 0, 0];
}

function problem(file: string, message: string, line = 1, column = 1): ConfigProblem {
  return { file, line, column, path: '', message };
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'EACCES') return 'permission denied';
  return (error as Error).message;
}

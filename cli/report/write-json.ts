import { closeSync, openSync, writeSync } from 'node:fs';

/** Nesting depth down to which objects and arrays are written part by part; deeper values are written whole. */
const STREAMED_DEPTH = 2;

/** Written to the file once this many characters are buffered. */
const CHUNK = 1 << 16;

/**
 * Writes `value` as `JSON.stringify(value, null, 2)` followed by a newline, byte for byte, without
 * ever holding the whole text: the top-level object and its arrays (the matrix rows) are written
 * entry by entry, so memory holds one row's text at a time rather than tens of megabytes.
 */
export function writeJsonFile(file: string, value: unknown): void {
  const fd = openSync(file, 'w');
  try {
    let buffer = '';
    const write = (text: string): void => {
      buffer += text;
      if (buffer.length >= CHUNK) {
        writeSync(fd, buffer);
        buffer = '';
      }
    };
    writeValue(write, value, '', 0);
    write('\n');
    writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
}

function writeValue(write: (text: string) => void, value: unknown, indent: string, depth: number): void {
  const inner = `${indent}  `;
  if (depth < STREAMED_DEPTH && Array.isArray(value) && value.length > 0) {
    write('[\n');
    value.forEach((element, i) => {
      write(inner);
      // JSON.stringify writes null for an array element it cannot represent.
      if (representable(element)) writeValue(write, element, inner, depth + 1);
      else write('null');
      write(i < value.length - 1 ? ',\n' : '\n');
    });
    write(`${indent}]`);
    return;
  }
  if (depth < STREAMED_DEPTH && isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => representable(v));
    if (entries.length > 0) {
      write('{\n');
      entries.forEach(([key, v], i) => {
        write(`${inner}${JSON.stringify(key)}: `);
        writeValue(write, v, inner, depth + 1);
        write(i < entries.length - 1 ? ',\n' : '\n');
      });
      write(`${indent}}`);
      return;
    }
  }
  write((JSON.stringify(value, null, 2) ?? 'null').replace(/\n/g, `\n${indent}`));
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
function representable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

/** An object JSON.stringify walks key by key: not an array, and without its own toJSON. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

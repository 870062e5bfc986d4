// Workbook files that are not what they should be, as bytes, with what gradsheet must say about
// each: a located problem (line:col and code), never a blank page. Shared by the engine test
// (readWorkbook) and the browser test (<gs-workbook> loading each from a blob: URL).
import { limits } from '../../src/limits.ts';

export interface HostileFile {
  what: string;
  bytes: () => Uint8Array;
  /** The problem gradsheet reports: its code, line and column, and a phrase of its message. */
  expected: { code: string; line: number; col: number; says: string };
  /** Cells that must still be shown (the rest of the workbook keeps working). */
  cells?: string[];
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const latin1 = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0) & 0xff));
const good = '# Title\n\n```cells\nx = [1; 2]\ny = 2 * x\n```\n';

export const hostileFiles: HostileFile[] = [
  { what: 'an empty file', bytes: () => utf8(''), expected: { code: 'E_FILE', line: 1, col: 1, says: 'is empty' } },
  { what: 'a file of blank lines', bytes: () => utf8('\n\n  \n\t\n'), expected: { code: 'E_FILE', line: 1, col: 1, says: 'is empty' } },
  {
    what: 'a binary file (NUL bytes)',
    bytes: () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    expected: { code: 'E_FILE', line: 1, col: 1, says: 'not text' },
  },
  {
    what: `a file over ${limits.maxFileBytes} bytes`,
    bytes: () => utf8(good + 'word '.repeat(Math.ceil(limits.maxFileBytes / 5) + 10)),
    expected: { code: 'E_FILE', line: 1, col: 1, says: `the limit is ${limits.maxFileBytes} bytes` },
  },
  {
    what: `a file of more than ${limits.maxCells} cells`,
    bytes: () => utf8('# Many\n\n```cells\n' + Array.from({ length: limits.maxCells + 1 }, (_, i) => `c${i} = ${i}`).join('\n') + '\n```\n'),
    expected: { code: 'E_FILE', line: 1, col: 1, says: `the limit is ${limits.maxCells.toLocaleString('en-US')}` },
  },
  {
    what: "a file that is a server's HTML error page",
    bytes: () =>
      utf8('<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><script>window.pwned = 1</script></body></html>\n'),
    expected: { code: 'E_FILE', line: 1, col: 1, says: 'HTML page' },
  },
  {
    what: 'a file that is not UTF-8 (Latin-1)',
    bytes: () => latin1('# Caf\u00e9\n\n```cells\nx = 1\n```\n'),
    expected: { code: 'E_FILE', line: 1, col: 6, says: 'not UTF-8' },
    cells: ['x'],
  },
  {
    what: 'a file with CRLF line ends and a BOM, and a problem on line 4',
    bytes: () => utf8('\uFEFF# Title\r\n\r\n```cells\r\nx = [1; 2\r\ny = 2\r\n```\r\n'),
    expected: { code: 'E_SYNTAX', line: 4, col: 10, says: 'Syntax error' },
    cells: ['x', 'y'],
  },
  {
    what: 'a file whose cells block is never closed',
    bytes: () => utf8('# Title\n\n```cells\nx = 1\ny = x + 1\n'),
    expected: { code: 'E_BLOCK', line: 3, col: 1, says: 'never closed' },
    cells: ['x', 'y'],
  },
  {
    what: 'a file whose front matter is never closed',
    bytes: () => utf8('---\ntitle: T\n\n```cells\nx = 1\n```\n'),
    expected: { code: 'E_FRONTMATTER', line: 1, col: 1, says: 'never closed' },
    cells: ['x'],
  },
];

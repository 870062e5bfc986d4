// Reading a workbook file for `gradsheet check`. Only a regular file is read: a FIFO named
// x.md would block the command forever (nothing ever writes to it), and a device or a
// directory is no workbook. Opened without blocking, then judged by what it is.

import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { messages } from '../messages.ts';

/** The text of a regular file; throws an Error whose message says why not (as fileUnreadable's detail). */
export async function readWorkbookFile(file: string): Promise<string> {
  // O_NONBLOCK: opening a FIFO for reading with no writer returns at once instead of waiting.
  const handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)).catch((e: NodeJS.ErrnoException) => {
    throw new Error(e.code === 'ENOENT' ? messages.fileMissing() : e.message);
  });
  try {
    const s = await handle.stat();
    if (!s.isFile()) {
      const kind = s.isDirectory() ? 'a directory' : s.isFIFO() ? 'a FIFO (named pipe)' : s.isSocket() ? 'a socket' : 'a device';
      throw new Error(messages.fileNotRegular(kind));
    }
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

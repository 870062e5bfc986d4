// Reading a workbook file for `gradsheet check`, and the data files beside it. Only a regular
// file is read: a FIFO named x.md would block the command forever (nothing ever writes to it),
// and a device or a directory is no workbook. Opened without blocking, then judged by what it is.

import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { readDataTexts, type DataTexts } from '../format/data.ts';
import { readWorkbook } from '../format/read.ts';
import { limits } from '../limits.ts';
import { messages } from '../messages.ts';

/** The text of a regular file; throws an Error whose message says why not (as fileUnreadable's detail). */
export async function readWorkbookFile(file: string): Promise<string> {
  return readRegular(file, messages.fileMissing(), messages.fileNotRegular);
}

/** A regular file's text, at most `cap` bytes (checked before it is read). */
async function readRegular(file: string, missing: string, notRegular: (kind: string) => string, cap = Infinity): Promise<string> {
  // O_NONBLOCK: opening a FIFO for reading with no writer returns at once instead of waiting.
  const handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)).catch((e: NodeJS.ErrnoException) => {
    throw new Error(e.code === 'ENOENT' ? missing : e.message);
  });
  try {
    const s = await handle.stat();
    if (!s.isFile()) {
      const kind = messages.fileKind(s.isDirectory() ? 'directory' : s.isFIFO() ? 'fifo' : s.isSocket() ? 'socket' : 'device');
      throw new Error(notRegular(kind));
    }
    if (s.size > cap) throw new Error(messages.loadTooLarge(s.size, cap));
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/**
 * A data file a workbook reads (csv("points.csv")), from the workbook's folder or below it. The
 * path was judged already (format/data.ts: relative, no ".."); here the file itself must be
 * there too: a symbolic link out of the folder (to ~/.ssh, say) is refused, so `gradsheet build`
 * can never publish a file from elsewhere. Throws an Error saying why it cannot be read.
 */
export async function readDataFile(workbook: string, file: string): Promise<string> {
  const dir = path.dirname(path.resolve(workbook));
  const target = path.resolve(dir, file);
  const [realDir, realTarget] = await Promise.all([
    realpath(dir),
    realpath(target).catch((e: NodeJS.ErrnoException) => {
      throw new Error(e.code === 'ENOENT' || e.code === 'ENOTDIR' ? messages.dataMissing() : e.message);
    }),
  ]);
  if (!realTarget.startsWith(realDir + path.sep)) throw new Error(messages.dataOutside());
  return readRegular(realTarget, messages.dataMissing(), messages.dataNotRegular, limits.maxDataBytes);
}

/** Every data file the workbook text reads, as read from beside `workbook`: its text, or why not. */
export function readWorkbookData(text: string, workbook: string): Promise<DataTexts> {
  return readDataTexts(readWorkbook(text, workbook), (file) => readDataFile(workbook, file));
}

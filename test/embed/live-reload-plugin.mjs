// For the live-reload test: a test-runner command that saves a workbook file, as an author's
// editor does, into test-results/live-reload/ (ignored by git), which the dev plugins watch
// during tests. It writes nowhere else.
import { mkdirSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const liveReloadDir = 'test-results/live-reload';
const dir = path.join(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'), liveReloadDir);
// It must exist before the server starts watching it.
mkdirSync(dir, { recursive: true });

export function saveWorkbookPlugin() {
  return {
    name: 'gradsheet-save-workbook',
    async executeCommand({ command, payload }) {
      if (command !== 'gs-save-workbook' && command !== 'gs-delete-workbook') return undefined;
      const name = String(payload?.name ?? '');
      if (!/^[\w-]+\.md$/.test(name)) throw new Error(`${command}: "${name}" is not a plain workbook file name`);
      if (command === 'gs-delete-workbook') await rm(path.join(dir, name), { force: true });
      else await writeFile(path.join(dir, name), String(payload.text));
      return true;
    },
  };
}

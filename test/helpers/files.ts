// Reads a file of the repository by its path from the root, under Node and in the browser
// (where the test runner serves the repository root).

const isNode = typeof window === 'undefined';

export async function readText(path: string): Promise<string> {
  if (isNode) {
    const fs = 'node:fs/promises';
    const { readFile } = (await import(/* @vite-ignore */ fs)) as typeof import('node:fs/promises');
    return readFile(new URL(`../../${path}`, import.meta.url), 'utf8');
  }
  const response = await fetch(`/${path}`, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.text();
}

export async function writeText(path: string, text: string): Promise<void> {
  const fs = 'node:fs/promises';
  const { writeFile, mkdir } = (await import(/* @vite-ignore */ fs)) as typeof import('node:fs/promises');
  const url = new URL(`../../${path}`, import.meta.url);
  await mkdir(new URL('.', url), { recursive: true });
  await writeFile(url, text);
}

export { isNode };

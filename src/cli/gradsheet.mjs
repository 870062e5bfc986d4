#!/usr/bin/env node
// The `gradsheet` command. In the repository (src/cli/main.ts is here) the TypeScript sources run
// directly through tsx, so there is no build step between editing the engine and checking a
// workbook; an installed package has no sources and runs the bundle dist/cli.js, which needs
// neither TypeScript nor any dependency.
import { existsSync } from 'node:fs';

if (existsSync(new URL('./main.ts', import.meta.url))) {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('./main.ts');
  process.exitCode = await main(process.argv.slice(2));
} else {
  await import('../../dist/cli.js');
}

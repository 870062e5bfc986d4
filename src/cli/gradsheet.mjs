#!/usr/bin/env node
// The `gradsheet` command: TypeScript sources run directly through tsx (a dependency), so
// there is no build step between editing the engine and checking a workbook.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));

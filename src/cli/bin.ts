// The `gradsheet` command's entry, bundled into dist/cli.js for an installed package (no
// TypeScript toolchain at run time); in the repository src/cli/gradsheet.mjs runs main.ts directly.
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));

// Types for scripts/chromium.mjs.
export const executablePath: string;
export const chromiumArgs: string[];

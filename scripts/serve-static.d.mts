// Types for scripts/serve-static.mjs.
export const defaultMounts: Record<string, string>;
export function serveStatic(options?: { mounts?: Record<string, string>; port?: number; host?: string }): Promise<{ url: string; close(): Promise<void> }>;

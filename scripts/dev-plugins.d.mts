// Types for scripts/dev-plugins.mjs (the parts tests use).
import type { Plugin } from '@web/dev-server-core';
export function appBundlePlugin(options?: { entry?: string }): Plugin;
export function devPlugins(options?: { watch?: string[] }): Plugin[];

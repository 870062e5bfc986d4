// Types for scripts/build.mjs, for the tests that build the bundle.
export interface BundleFile {
  /** Path inside the output directory, e.g. "gradsheet.js", "chunks/embed-XXXX.js". */
  file: string;
  bytes: number;
  gzip: number;
  /** Loaded with the page (the entry and its static imports), not on demand. */
  eager: boolean;
}
export interface Bundle {
  outdir: string;
  ms: number;
  files: BundleFile[];
}
/** esbuild's options for the embed bundle (the benchmark's page is built with them too). */
export function bundleOptions(options: { entryPoints: Record<string, string>; outdir: string; minify?: boolean }): import('esbuild').BuildOptions;
export function buildBundle(options?: { outdir?: string; minify?: boolean }): Promise<Bundle>;
export function report(bundle: Bundle): string;
/** The split bundle, gradsheet.single.js (no chunks) and serve/ (the elements and live reload). */
export function buildAll(options?: { outdir?: string; minify?: boolean }): Promise<Bundle>;

// Shared look. Everything a course site may want to change is a CSS custom property
// (--gs-*), documented in the README; parts are exposed with ::part for the rest.

import { css, unsafeCSS } from 'lit';

/** Each colour and font a course site may set (--gs-NAME), with its light and dark default. */
const palette: [name: string, light: string, dark?: string][] = [
  ['fg', '#1d2330', '#e4e8f0'],
  ['muted', '#5d6678', '#a3acbd'],
  ['bg', '#ffffff', '#11141a'],
  ['cell-bg', '#fbfcfe', '#1c212b'],
  ['border', '#d5dae3', '#3a4252'],
  ['accent', '#2d5bd7', '#8fb0ff'],
  ['ok', '#1d7a46', '#6fd39b'],
  ['error', '#b00020', '#ff8a9a'],
  ['error-bg', '#fdecee', '#3a1d24'],
  ['differ', '#a15c00', '#ffc46b'],
  ['differ-bg', '#fff4e0', '#3a2e17'],
  ['input-bg', '#ffffff', '#11141a'],
  ['font', "system-ui, -apple-system, 'Segoe UI', sans-serif"],
  ['mono', "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace"],
];

/**
 * The palette as CSS for `selector`: each --_NAME is the page's --gs-NAME, or its default for
 * the colour scheme. One source for the shadow-DOM elements (:host) and the light-DOM ones.
 *
 * The colour scheme is the host page's, not the operating system's (README "Embedding"):
 *   1. a `theme` attribute on the element ("light", "dark", or "auto": follow the system) wins;
 *   2. else the CSS `color-scheme` the element inherits from the page: "light" or "dark"; both
 *      ("light dark") follow the system; unset ("normal") is light, as an unstyled page is white,
 *      unless the page's <meta name="color-scheme"> says otherwise (the browser's own rule).
 * CSS light-dark() resolves each default against the element's used colour scheme, so the
 * element never asks the system itself. A browser without light-dark() shows the light palette.
 */
export function paletteCSS(selector: string): string {
  const declare = (value: (p: (typeof palette)[number]) => string) => palette.map((p) => `--_${p[0]}: var(--gs-${p[0]}, ${value(p)});`).join(' ');
  const themed = (t: string) => (selector === ':host' ? `:host([theme="${t}"])` : `${selector}[theme="${t}"]`);
  return `${selector} { ${declare((p) => p[1])} }
  @supports (color: light-dark(#000, #fff)) { ${selector} { ${declare((p) => (p[2] ? `light-dark(${p[1]}, ${p[2]})` : p[1]))} } }
  ${themed('light')} { color-scheme: light !important; }
  ${themed('dark')} { color-scheme: dark !important; }
  ${themed('auto')} { color-scheme: light dark !important; }`;
}

/** The theme attribute of <gs-workbook> and <gs-cell>: see paletteCSS. */
export type Theme = 'light' | 'dark' | 'auto';

/**
 * The colour scheme an element is shown in, by the rule of paletteCSS, for what CSS cannot
 * colour (vega's theme of a chart).
 */
export function usedScheme(el: Element): 'light' | 'dark' {
  const view = el.ownerDocument.defaultView;
  if (!view) return 'light';
  let declared = view.getComputedStyle(el).colorScheme;
  if (!declared || declared === 'normal') declared = el.ownerDocument.querySelector('meta[name="color-scheme"]')?.getAttribute('content') ?? 'normal';
  const words = declared.split(/\s+/);
  const dark = words.includes('dark'),
    light = words.includes('light');
  return dark && (!light || view.matchMedia('(prefers-color-scheme: dark)').matches) ? 'dark' : 'light';
}

export const theme = css`
  ${unsafeCSS(paletteCSS(':host'))}
  /* Read by screen readers, not shown (e.g. a table header that would only repeat the obvious). */
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
  }
`;

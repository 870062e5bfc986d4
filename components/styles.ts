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
 */
export function paletteCSS(selector: string): string {
  const declare = (scheme: 1 | 2) => palette.filter((p) => p[scheme] !== undefined).map((p) => `--_${p[0]}: var(--gs-${p[0]}, ${p[scheme]});`).join(' ');
  return `${selector} { ${declare(1)} color-scheme: light dark; }
  @media (prefers-color-scheme: dark) { ${selector} { ${declare(2)} } }`;
}

export const theme = css`
  ${unsafeCSS(paletteCSS(':host'))}
  /* Read by screen readers, not shown (e.g. a table header that would only repeat the obvious). */
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
  }
`;

// Shared look. Everything a course site may want to change is a CSS custom property
// (--gs-*), documented in the README; parts are exposed with ::part for the rest.

import { css } from 'lit';

export const theme = css`
  :host {
    --_fg: var(--gs-fg, #1d2330);
    --_muted: var(--gs-muted, #5d6678);
    --_bg: var(--gs-bg, #ffffff);
    --_cell-bg: var(--gs-cell-bg, #fbfcfe);
    --_border: var(--gs-border, #d5dae3);
    --_accent: var(--gs-accent, #2d5bd7);
    --_ok: var(--gs-ok, #1d7a46);
    --_error: var(--gs-error, #b00020);
    --_error-bg: var(--gs-error-bg, #fdecee);
    --_differ: var(--gs-differ, #a15c00);
    --_differ-bg: var(--gs-differ-bg, #fff4e0);
    --_input-bg: var(--gs-input-bg, #ffffff);
    --_font: var(--gs-font, system-ui, -apple-system, 'Segoe UI', sans-serif);
    --_mono: var(--gs-mono, ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace);
    color-scheme: light dark;
  }
  /* Read by screen readers, not shown (e.g. a table header that would only repeat the obvious). */
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_fg: var(--gs-fg, #e4e8f0);
      --_muted: var(--gs-muted, #a3acbd);
      --_bg: var(--gs-bg, #161a22);
      --_cell-bg: var(--gs-cell-bg, #1c212b);
      --_border: var(--gs-border, #3a4252);
      --_accent: var(--gs-accent, #8fb0ff);
      --_ok: var(--gs-ok, #6fd39b);
      --_error: var(--gs-error, #ff8a9a);
      --_error-bg: var(--gs-error-bg, #3a1d24);
      --_differ: var(--gs-differ, #ffc46b);
      --_differ-bg: var(--gs-differ-bg, #3a2e17);
      --_input-bg: var(--gs-input-bg, #11141a);
    }
  }
`;

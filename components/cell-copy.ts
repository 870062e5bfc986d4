// Copy a matrix out of a cell, as tab-separated text (for a spreadsheet; full precision) or as a
// LaTeX bmatrix (for slides; six significant digits, as shown). For an input cell that is its
// numbers, for a formula cell its computed value. A reactive controller of the cell: it renders
// two small buttons and says what it copied in a live region.

import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { toJSON, type Value } from '../src/formula/value.ts';
import { toLatex, toTSV } from '../src/store/clipboard.ts';
import { messages } from '../src/messages.ts';

export type CopyFormat = 'TSV' | 'LaTeX';

/** Writes text to the system clipboard (the async API, else the older copy command). */
export async function writeClipboard(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch (e) {
    if (!copyCommand(text)) throw e instanceof Error ? e : new Error(String(e));
  }
}

function copyCommand(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.cssText = 'position:fixed;top:0;left:0;opacity:0;';
  const active = document.activeElement as HTMLElement | null;
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    active?.focus();
  }
}

export function matrixText(value: Value, format: CopyFormat): string {
  const json = toJSON(value);
  const rows = typeof json === 'number' ? [[json]] : json;
  return format === 'TSV' ? toTSV(rows) : toLatex(rows);
}

export class CellCopy implements ReactiveController {
  message = '';

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  async copy(name: string, value: Value, format: CopyFormat): Promise<void> {
    try {
      await writeClipboard(matrixText(value, format));
      this.message = messages.copied(name, format);
    } catch (e) {
      this.message = messages.copyFailed(e instanceof Error ? e.message : String(e));
    }
    this.host.requestUpdate();
  }

  /** Two buttons for a matrix value (nothing for a number or no value). */
  render(name: string, value: Value | undefined) {
    if (value === undefined || typeof value === 'number') return nothing;
    const button = (format: CopyFormat) => html`<button type="button" class="copy-button" aria-label=${messages.copyAs(name, format)}
      title=${messages.copyTitle(format)}
      @click=${() => this.copy(name, value, format)}>${format}</button>`;
    return html`<div class="copy" part="copy"><span class="copy-buttons"><span aria-hidden="true">${messages.copy()}</span>${button('TSV')}${button('LaTeX')}</span><span class="copy-message" role="status">${this.message || nothing}</span></div>`;
  }
}

export const copyStyles = css`
  .copy { margin-top: 0.3rem; font-size: 0.75rem; color: var(--_muted); }
  .copy-buttons { display: inline-flex; flex-wrap: nowrap; align-items: center; gap: 0.25rem; white-space: nowrap; }
  .copy button.copy-button { font-size: 0.72rem; padding: 0 0.35rem; line-height: 1.5; }
  .copy-message { display: block; color: var(--_fg); }
  .copy-message:empty { display: none; }
  @media print { .copy { display: none; } }
`;

// Spreadsheet habits in a matrix of entries, as a Lit reactive controller of the cell that
// shows the grid. Entries are committed as they are typed (each keystroke recomputes the
// sheet), so "commit" here means "move on":
//
//   Arrow keys   move between entries. ←/→ move the caret inside the text while editing it,
//                and move to the next entry when the whole text is selected or the caret is
//                at that end of the text.
//   Enter        moves down (Shift+Enter up); on the last row it stays and selects the text.
//   Tab          moves right, then on to the next row (Shift+Tab back); past the last entry
//                (or before the first) it leaves the grid as usual.
//   Escape       puts back the text the entry had when it was focused (one edit; the history
//                merges it with the typing it cancels, so nothing is left to undo).
//   F2           edits the text: caret at its end, nothing selected.
//   Ctrl+Home/End the first / last entry.
//   Typing       replaces the entry: an entry selects its whole text when it gets focus
//                (by keyboard or by a first click; a second click places the caret).
//   Paste        a block of cells (tab- and newline-separated, as spreadsheets copy it) is
//                pasted starting at the focused entry as one edit, and the grid says what
//                was pasted and what did not fit; a single value pastes into the entry.
//
// The grid is an ARIA grid with a roving tabindex: one entry is in the tab order (the last one
// focused), the others are reached with the keys above. A large grid renders only part of its
// entries (entry-grid.ts): moving to one that is not rendered makes it the active entry, which
// is always rendered, and focuses it once the cell has rendered it (before the next key is
// handled: Lit renders in a microtask); focusing it scrolls it into view.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isBlock, maxPasteLength, parseBlock, pasteBlock } from '../src/store/clipboard.ts';
import { messages } from '../src/messages.ts';

export interface GridKeysOptions {
  /** Where the entries are rendered (the cell's shadow root). */
  root(): ParentNode | null | undefined;
  /** Rows and columns of the grid. */
  shape(): [number, number];
  /** The entries' texts, row by row. */
  entries(): string[][];
  /** The text of one entry, 1-based. */
  text(row: number, col: number): string;
  /** Sets one entry, as typing does. */
  setEntry(row: number, col: number, text: string): void;
  /** Sets every entry at once (one edit): a paste of `pasted` at (row, col). */
  setEntries(entries: string[][], row: number, col: number, pasted: string): void;
}

export class GridKeys implements ReactiveController {
  /** The entry in the tab order, 1-based. */
  active: [number, number] = [1, 1];
  /** What the last paste did, shown under the grid (a live region). */
  message = '';
  /** The focused entry, 1-based (it shows its whole text; the others may show a shorter one). */
  focused: [number, number] | null = null;
  /** The text of the focused entry when it got focus (Escape puts it back). */
  private origin: { row: number; col: number; text: string } | null = null;
  /** A click focused the entry: its mouseup must not undo the selection of the whole text. */
  private clickFocused = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: GridKeysOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Is (row, col) the entry in the tab order? (The first one when the active one is gone.) */
  isActive(row: number, col: number): boolean {
    const [r, c] = this.activeIn(this.options.shape());
    return r === row && c === col;
  }

  /** The entry in the tab order of a grid of this shape. */
  activeIn([rows, cols]: [number, number]): [number, number] {
    return this.active[0] <= rows && this.active[1] <= cols ? this.active : [1, 1];
  }

  input(row: number, col: number): HTMLInputElement | null {
    return this.options.root()?.querySelector<HTMLInputElement>(`input.entry[data-row="${row}"][data-col="${col}"]`) ?? null;
  }

  /**
   * Focuses an entry with its whole text selected (typing replaces it). An entry of the grid
   * that is not rendered (a large grid) is rendered first, and focused right after.
   */
  focusEntry(row: number, col: number): boolean {
    const input = this.input(row, col);
    if (input) {
      input.focus();
      input.select();
      return true;
    }
    const [rows, cols] = this.options.shape();
    if (row < 1 || row > rows || col < 1 || col > cols) return false;
    this.active = [row, col];
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      if (this.active[0] === row && this.active[1] === col) this.input(row, col)?.focus();
      this.input(row, col)?.select();
    });
    return true;
  }

  onFocus(e: FocusEvent, row: number, col: number): void {
    const input = e.target as HTMLInputElement;
    // The entry shows its whole text while focused (its display may be shorter: entry-grid.ts).
    const full = this.options.text(row, col);
    if (input.value !== full) input.value = full;
    this.origin = { row, col, text: input.value };
    this.focused = [row, col];
    if (this.active[0] !== row || this.active[1] !== col) this.active = [row, col];
    this.host.requestUpdate();
    input.select();
    input.scrollLeft = 0; // a long number reads from its start (selecting scrolls to its end)
  }

  isFocused(row: number, col: number): boolean {
    return this.focused !== null && this.focused[0] === row && this.focused[1] === col;
  }

  onBlur(): void {
    this.origin = null;
    this.clickFocused = false;
    this.focused = null;
    this.host.requestUpdate();
  }

  onMouseDown(e: MouseEvent): void {
    this.clickFocused = (e.target as HTMLElement).matches(':focus') ? false : true;
  }

  onMouseUp(e: MouseEvent): void {
    if (!this.clickFocused) return;
    this.clickFocused = false;
    e.preventDefault();
    (e.target as HTMLInputElement).select();
  }

  /** A keystroke changed the text: an earlier paste message no longer applies. */
  onInput(): void {
    if (this.message) {
      this.message = '';
      this.host.requestUpdate();
    }
  }

  onKeyDown(e: KeyboardEvent, row: number, col: number): void {
    if (e.isComposing || e.altKey) return;
    const input = e.target as HTMLInputElement;
    const [rows, cols] = this.options.shape();
    const ctrl = e.ctrlKey || e.metaKey;
    const go = (r: number, c: number) => {
      // At the edge of the grid nothing happens (the text stays selected, as in a spreadsheet).
      e.preventDefault();
      return r >= 1 && r <= rows && c >= 1 && c <= cols && this.focusEntry(r, c);
    };
    switch (e.key) {
      case 'ArrowUp':
        if (!ctrl && !e.shiftKey) go(row - 1, col);
        break;
      case 'ArrowDown':
        if (!ctrl && !e.shiftKey) go(row + 1, col);
        break;
      case 'ArrowLeft':
        if (!ctrl && !e.shiftKey && atEdge(input, 'start')) go(row, col - 1);
        break;
      case 'ArrowRight':
        if (!ctrl && !e.shiftKey && atEdge(input, 'end')) go(row, col + 1);
        break;
      case 'Enter':
        if (ctrl) break;
        if (!go(row + (e.shiftKey ? -1 : 1), col)) {
          e.preventDefault();
          input.select();
        }
        break;
      case 'Tab': {
        if (ctrl) break;
        // Past the last entry (or before the first) Tab leaves the grid as usual.
        const k = (row - 1) * cols + (col - 1) + (e.shiftKey ? -1 : 1);
        if (k >= 0 && k < rows * cols) go(Math.floor(k / cols) + 1, (k % cols) + 1);
        break;
      }
      case 'Home':
        if (ctrl) go(1, 1);
        break;
      case 'End':
        if (ctrl) go(rows, cols);
        break;
      case 'F2':
        e.preventDefault();
        input.setSelectionRange(input.value.length, input.value.length);
        break;
      case 'Escape': {
        const origin = this.origin;
        if (!origin || origin.row !== row || origin.col !== col || input.value === origin.text) break;
        e.preventDefault();
        e.stopPropagation();
        input.value = origin.text;
        this.options.setEntry(row, col, origin.text);
        input.select();
        break;
      }
    }
  }

  onPaste(e: ClipboardEvent, row: number, col: number): void {
    const text = e.clipboardData?.getData('text/plain') ?? '';
    if (!isBlock(text)) return; // a single value: the browser pastes it into the entry as typing
    e.preventDefault();
    if (text.length > maxPasteLength) {
      this.message = messages.pasteTooLarge(text.length, maxPasteLength);
      this.host.requestUpdate();
      return;
    }
    const block = parseBlock(text);
    const pasted = pasteBlock(this.options.entries(), block, row, col);
    this.message = pasted.message;
    if (pasted.rows > 0 && pasted.cols > 0) this.options.setEntries(pasted.entries, row, col, text);
    this.host.requestUpdate();
    const input = e.target as HTMLInputElement;
    // The entry shows its new text after the update; select it then, for typing over.
    void this.host.updateComplete.then(() => input.matches(':focus') && input.select());
  }
}

/** Is the caret at the start (end) of the text, or the whole text selected? */
function atEdge(input: HTMLInputElement, edge: 'start' | 'end'): boolean {
  const start = input.selectionStart ?? 0,
    end = input.selectionEnd ?? 0,
    length = input.value.length;
  if (start === 0 && end === length) return true;
  if (start !== end) return false;
  return edge === 'start' ? start === 0 : end === length;
}

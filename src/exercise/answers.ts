// What a student typed into the answer grids of a session's exercises, and which answers they
// chose to see. These are student edits like any other: each change is reported to the
// session's edit log (so undo, saving, share links and Reset all treat them as they treat
// entries), and `changed` tells the page which exercise to grade again.

import type { EditLog } from '../reactive/edit-log.ts';

export class Answers {
  /** Texts by exercise name, then by "row,col" (1-based); an entry never typed is absent. */
  private readonly texts = new Map<string, Map<string, string>>();
  private readonly shownNames = new Set<string>();

  constructor(
    private readonly log: EditLog,
    private readonly changed: (name: string) => void,
  ) {}

  text(name: string, row: number, col: number): string {
    return this.texts.get(name)?.get(`${row},${col}`) ?? '';
  }

  /** One entry typed (1-based): `scalar` when the exercise's value is one number (for the undo label). */
  setText(name: string, row: number, col: number, text: string, scalar = false): void {
    this.log.begin();
    const before = this.text(name, row, col);
    this.put(name, row, col, text);
    this.changed(name);
    this.log.report({ kind: 'answer', name, row, col, before, after: text, scalar });
  }

  shown(name: string): boolean {
    return this.shownNames.has(name);
  }

  /** "Show answer" (or hide it again): a deliberate edit, undone like any other. */
  setShown(name: string, shown: boolean): void {
    const before = this.shown(name);
    if (before === shown) return;
    this.log.begin();
    if (shown) this.shownNames.add(name);
    else this.shownNames.delete(name);
    this.changed(name);
    this.log.report({ kind: 'shown', name, before, after: shown });
  }

  /** Every answer as a grid of texts ('' where nothing was typed), by exercise name. */
  saved(): { answers: Record<string, string[][]>; shown: string[] } {
    const answers: Record<string, string[][]> = {};
    for (const [name, grid] of this.texts) {
      const at = [...grid].filter(([, t]) => t !== '').map(([k]) => k.split(',').map(Number));
      if (!at.length) continue;
      const rows = Math.max(...at.map(([r]) => r)),
        cols = Math.max(...at.map(([, c]) => c));
      answers[name] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => this.text(name, i + 1, j + 1)));
    }
    return { answers, shown: [...this.shownNames] };
  }

  /** Saved answers applied again (each entry an edit); returns the names that are not exercises of this workbook. */
  restore(answers: Record<string, string[][]>, shown: readonly string[], isExercise: (name: string) => boolean): string[] {
    const dropped: string[] = [];
    for (const [name, grid] of Object.entries(answers)) {
      if (!isExercise(name)) {
        dropped.push(name);
        continue;
      }
      const scalar = grid.length === 1 && grid[0]?.length === 1;
      grid.forEach((row, i) => row.forEach((t, j) => t !== this.text(name, i + 1, j + 1) && this.setText(name, i + 1, j + 1, t, scalar)));
    }
    for (const name of shown) {
      if (isExercise(name)) this.setShown(name, true);
      else if (!dropped.includes(name)) dropped.push(name);
    }
    return dropped;
  }

  /** Reset all: every answer cleared and hidden again (each an edit, inside Reset all's one step). */
  clear(): void {
    for (const [name, grid] of this.texts) {
      for (const [k, t] of [...grid]) {
        if (!t) continue;
        const [r, c] = k.split(',').map(Number);
        this.setText(name, r, c, '');
      }
    }
    for (const name of [...this.shownNames]) this.setShown(name, false);
  }

  private put(name: string, row: number, col: number, text: string): void {
    let grid = this.texts.get(name);
    if (!grid) this.texts.set(name, (grid = new Map()));
    if (text === '') grid.delete(`${row},${col}`);
    else grid.set(`${row},${col}`, text);
  }
}

// The formulas a student typed in place of the workbook's own, by cell name, and the plan of the
// workbook with them. The counterpart of inputs.ts for formula cells.

import type { WorkbookSpec } from '../format/spec.ts';
import type { PlanCell } from '../graph/compile.ts';
import { planWorkbook, type WorkbookPlan } from '../workbook.ts';

export class Formulas {
  private readonly typed = new Map<string, string>();

  constructor(private readonly spec: WorkbookSpec) {}

  /** A cell's formula as it stands: the student's, else the workbook's ('' for no such cell). */
  text(plan: WorkbookPlan, name: string): string {
    const cell = plan.byName.get(name) ?? plan.cells.find((c) => c.name === name);
    return this.typed.get(name) ?? cell?.checked.spec.formula ?? '';
  }
  isEdited(name: string): boolean {
    return this.typed.has(name);
  }
  /** The cells whose formula the student replaced. */
  names(): string[] {
    return [...this.typed.keys()];
  }
  /** What the student typed, by cell name (to save or share). */
  edited(): Record<string, string> {
    return Object.fromEntries(this.typed);
  }

  /** The plan of the workbook with the formulas typed so far. */
  plan(): WorkbookPlan {
    return planWorkbook(this.spec, this.typed);
  }
  /** `cell`'s formula becomes `text` (the workbook's own text forgets the replacement); returns the new plan. */
  replace(cell: PlanCell, text: string): WorkbookPlan {
    if (text === cell.checked.spec.formula) this.typed.delete(cell.name);
    else this.typed.set(cell.name, text);
    return this.plan();
  }
}

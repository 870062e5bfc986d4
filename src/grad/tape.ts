// Reverse-mode automatic differentiation over Expr trees.
//
// Forward: evaluate as evaluate.ts does, recording on a tape each operation whose inputs depend
// on the variable we differentiate with respect to. Backward: walk the tape from the end,
// handing each operation the gradient of its output and accumulating the gradients of its
// inputs (each op's `backward` sits beside its `forward` in functions.ts).

import { CellError } from '../errors.ts';
import { codes, messages } from '../messages.ts';
import { applyOp, compileDim, conditionHolds, selectIn } from '../formula/evaluate.ts';
import { add } from '../formula/kernels.ts';
import type { Expr } from '../formula/parse.ts';
import { assemble, assembleBackward, gather, scatter } from '../formula/structure.ts';
import { shapeOf, type Value } from '../formula/value.ts';

/** A value on the tape; `tracked` when it depends on the differentiation variable. */
export interface Var {
  value: Value;
  tracked: boolean;
  grad: Value | null;
}

interface Entry {
  out: Var;
  ins: Var[];
  vjp: (g: Value) => (Value | null)[];
}

export class Tape {
  private entries: Entry[] = [];

  leaf(value: Value, tracked: boolean): Var {
    return { value, tracked, grad: null };
  }

  record(value: Value, ins: Var[], vjp: Entry['vjp']): Var {
    const out: Var = { value, tracked: true, grad: null };
    this.entries.push({ out, ins, vjp });
    return out;
  }

  /**
   * Seeds d(out)/d(out) = 1 and propagates to every tracked input. A `seed` shaped like out
   * propagates that weighting of its entries instead (a vector-Jacobian product: grad/explain.ts).
   */
  backward(out: Var, seed: Value = 1): void {
    out.grad = seed;
    for (let k = this.entries.length - 1; k >= 0; k--) {
      const { out: o, ins, vjp } = this.entries[k];
      if (o.grad === null) continue;
      const grads = vjp(o.grad);
      ins.forEach((v, i) => {
        const g = grads[i];
        if (!v.tracked || g === null || g === undefined) return;
        v.grad = v.grad === null ? g : add(v.grad, g);
      });
    }
  }
}

/** Evaluates expr on the tape; `ref` gives the Var of each cell the expression reads. */
export function evaluateTaped(expr: Expr, ref: (name: string) => Var, tape: Tape, end: number | null = null): Var {
  const sub = (e: Expr) => evaluateTaped(e, ref, tape, end);
  switch (expr.kind) {
    case 'const':
      return tape.leaf(expr.value, false);
    case 'ref':
      return ref(expr.name);
    case 'end':
      return tape.leaf(end ?? 0, false);
    case 'apply': {
      const { op } = expr;
      const ins = expr.args.map(sub);
      const values = ins.map((v) => v.value);
      const out = applyOp(expr, values);
      if (!ins.some((v) => v.tracked) || op.flat) return tape.leaf(out, false);
      if (!op.backward) throw new CellError(codes.E_NO_DERIVATIVE, messages.noDerivative(op.name));
      const whole = op.whole?.find((k) => ins[k]?.tracked);
      if (whole !== undefined) throw new CellError(codes.E_NO_DERIVATIVE, messages.noDerivativeWhole(expr.text, expr.args[whole].text));
      const backward = op.backward;
      const need = ins.map((v) => v.tracked);
      return tape.record(out, ins, (g) => backward(g, values, out, need));
    }
    case 'matrix': {
      const rows = expr.rows.map((r) => r.map(sub));
      const out = assemble(
        rows.map((r) => r.map((v) => v.value)),
        expr.rows.map((r) => r.map((e) => e.text)),
      );
      const ins = rows.flat();
      if (!ins.some((v) => v.tracked)) return tape.leaf(out, false);
      const shapes = rows.map((r) => r.map((v) => shapeOf(v.value)));
      return tape.record(out, ins, (g) => assembleBackward(g, shapes).flat());
    }
    case 'index': {
      const target = sub(expr.target);
      const shape = shapeOf(target.value);
      const sizes = expr.dims.length === 1 ? [shape[0] === 1 ? shape[1] : shape[0]] : shape;
      // A position is a whole number: an index that depends on the variable has no derivative.
      const position = (e: Expr, size: number) => {
        const v = evaluateTaped(e, ref, tape, size);
        if (v.tracked) throw new CellError(codes.E_NO_DERIVATIVE, messages.noDerivativeIndex(expr.text, e.text));
        return v.value;
      };
      const lists = expr.dims.map((d, k) => {
        const dim = compileDim(d, (e) => () => position(e, sizes[k]));
        return dim([], sizes[k]);
      });
      const sel = selectIn(expr.target, target.value, lists);
      const out = gather(target.value, sel);
      if (!target.tracked) return tape.leaf(out, false);
      return tape.record(out, [target], (g) => [scatter(g, shape, sel)]);
    }
    case 'cond': {
      return conditionHolds(expr.test, sub(expr.test).value) ? sub(expr.then) : sub(expr.otherwise);
    }
    case 'grad':
      throw new CellError(codes.E_NO_DERIVATIVE, messages.noDerivative(`grad(${expr.of}, ${expr.wrt}) (second derivatives are not supported)`));
  }
}

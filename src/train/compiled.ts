// A training step compiled once per plan: the batch driver's step as a flat list of buffered
// ops (src/formula/buffered.ts) over Float64Arrays allocated once, so a step allocates nothing
// but the new weights it returns.
//
// The one-tape path (batch.ts) builds a tape every step: a node per operation, a new matrix for
// every value and every gradient. On a 2-2-1 network that costs twenty times the arithmetic.
// Here the same tape is laid out once, before the first step that reads these data: every value
// and every gradient gets a buffer of its shape; the forward list calls each op's buffered
// forward, the backward list its buffered backward, from the last node to the first, with
// gradients that meet summed in the tape's order; then each update rule. Every op computes the
// same numbers entry for entry as its value form, so a compiled step gives the tape's numbers
// bit for bit (test/train/compiled.test.ts).
//
// A step is compiled only when every formula it runs is made of cell references, constants and
// ops with a buffered form at these shapes; otherwise the tape path goes on. A compiled step
// that meets anything unusual (a value that is not finite, a weight of another shape, the
// budget) returns null, and the step is taken again on the tape path, which says what is wrong.

import { isCellError } from '../errors.ts';
import { entryCost, spend } from '../formula/budget.ts';
import type { Buffered } from '../formula/buffered.ts';
import type { Expr } from '../formula/parse.ts';
import { Mat, shapeOf, type Shape, type Value } from '../formula/value.ts';
import type { CellResult } from '../graph/compile.ts';
import type { CheckedCell } from '../graph/check.ts';

/** One application of a buffered op. */
interface Node {
  readonly op: Buffered;
  readonly args: readonly number[];
  readonly shapes: readonly Shape[];
  readonly out: number;
  /** The result's buffer (an update's is new every step). */
  o: Float64Array;
  /** Argument buffers of this step (a bound weight's buffer changes every step). */
  readonly xs: Float64Array[];
  /** Which arguments depend on a weight (the tape's `tracked`). */
  readonly need: readonly boolean[];
}

/** One backward call: the node, where each needed argument's gradient goes, and what to add up after. */
interface Back {
  readonly node: Node;
  readonly into: (Float64Array | null)[];
  /** [gradient buffer, addend buffer] pairs: a second contribution, added as the tape adds it. */
  readonly sums: [number, number][];
}

/** Where a cell read by the step comes from. */
export interface Source {
  /** A trained cell: read from the step's inputs. */
  varies: boolean;
  value: CellResult;
}

export interface StepSpec {
  /** The cells between the weights and the loss, in order. */
  path: readonly CheckedCell[];
  of: string;
  wrts: readonly string[];
  /** Every cell the formulas read that is not on the path; null when a step cannot read it as a fixed or trained value. */
  source(name: string): Source | null;
  /** Each update rule: its target and formula, `grad(of, wrt)` read as the gradient. */
  updates: readonly { target: string; expr: Expr }[];
}

export interface CompiledResult {
  loss: number;
  next: Map<string, Value>;
}

class Unsupported extends Error {}

export class CompiledStep {
  private readonly buf: Float64Array[] = [];
  private readonly shape: Shape[] = [];
  private readonly varies: boolean[] = [];
  private readonly tracked: boolean[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly forward: Node[] = [];
  private readonly taped: Node[] = [];
  private readonly back: Back[] = [];
  /** Trained cells read: slot, name, shape; their buffers are the inputs' own (numbers copied). */
  private readonly bound: { slot: number; name: string }[] = [];
  /** Slots whose every entry must be finite after the forward pass (the path cells' values). */
  private readonly cells: number[] = [];
  private readonly updateNodes: Node[] = [];
  private readonly results: { target: string; slot: number; node: Node }[] = [];
  private root = -1;
  /** The gradient buffer of each slot's value (null: it gets none). */
  private grad: (number | null)[] = [];
  /** Where each slot is read: node and argument position (to rebind a bound weight's buffer). */
  private readonly readers = new Map<number, [Node, number][]>();
  private work = 0;

  /** The compiled step, or null when some part of it has no buffered form. */
  static compile(spec: StepSpec): CompiledStep | null {
    try {
      return new CompiledStep(spec);
    } catch (e) {
      if (e instanceof Unsupported) return null;
      throw e;
    }
  }

  private constructor(spec: StepSpec) {
    const wrts = new Set(spec.wrts);
    const ref = (name: string): number => {
      const known = this.slotOf.get(name);
      if (known !== undefined) return known;
      const src = spec.source(name);
      if (!src || isCellError(src.value)) throw new Unsupported();
      const v = src.value;
      const slot = this.slot(shapeOf(v), wrts.has(name), src.varies);
      this.buf[slot].set(typeof v === 'number' ? [v] : v.data);
      if (src.varies) this.bound.push({ slot, name });
      this.slotOf.set(name, slot);
      return slot;
    };
    // 1. Forward: each path cell's formula, in order.
    for (const cell of spec.path) {
      if (!cell.parsed || cell.error) throw new Unsupported();
      const slot = this.expr(cell.parsed.expr, ref, this.forward, null);
      this.slotOf.set(cell.name, slot);
      this.cells.push(slot);
    }
    const root = this.slotOf.get(spec.of);
    if (root === undefined || this.shape[root][0] !== 1 || this.shape[root][1] !== 1) throw new Unsupported();
    this.root = root;
    // 2. Backward, laid out as Tape.backward runs it: which gradients exist, and in what order they meet.
    const grad: (number | null)[] = (this.grad = this.buf.map(() => null));
    grad[root] = this.gradSlot(root);
    for (let k = this.taped.length - 1; k >= 0; k--) {
      const node = this.taped[k];
      if (grad[node.out] === null) continue;
      const into: (Float64Array | null)[] = node.args.map(() => null);
      const sums: [number, number][] = [];
      node.args.forEach((a, i) => {
        if (!node.need[i]) return;
        if (grad[a] === null) {
          grad[a] = this.gradSlot(a);
          into[i] = this.buf[grad[a]!];
        } else {
          const addend = this.gradSlot(a);
          into[i] = this.buf[addend];
          sums.push([grad[a]!, addend]);
        }
      });
      this.back.push({ node, into, sums });
      this.work += this.cost(node) + sums.length * this.buf[grad[node.out]!].length;
    }
    // 3. The update rules, reading the weights' gradients (zero when the loss does not depend on one).
    const gradRef = (of: string, wrt: string): number => {
      if (of !== spec.of || !wrts.has(wrt) || wrt === of) throw new Unsupported();
      const w = this.slotOf.get(wrt);
      if (w === undefined) throw new Unsupported();
      const g = grad[w];
      return g === null ? this.slot(this.shape[w], false, false) : g;
    };
    for (const u of spec.updates) {
      const before = this.updateNodes.length;
      const slot = this.expr(u.expr, ref, this.updateNodes, gradRef);
      const target = this.slotOf.get(u.target);
      // The rule's last op makes the new value (a fresh buffer each step); a rule that is no op is left to the tape.
      if (this.updateNodes.length === before || this.updateNodes[this.updateNodes.length - 1].out !== slot) throw new Unsupported();
      if (target === undefined || this.shape[slot][0] !== this.shape[target][0] || this.shape[slot][1] !== this.shape[target][1]) throw new Unsupported();
      this.results.push({ target: u.target, slot, node: this.updateNodes[this.updateNodes.length - 1] });
    }
  }

  private slot(shape: Shape, tracked: boolean, varies: boolean): number {
    this.buf.push(new Float64Array(shape[0] * shape[1]));
    this.shape.push(shape);
    this.tracked.push(tracked);
    this.varies.push(varies);
    return this.buf.length - 1;
  }

  private gradSlot(of: number): number {
    return this.slot(this.shape[of], false, false);
  }

  /** The work of a node as the value forms charge it: each entry made, and each product's multiply-adds. */
  private cost(node: Node): number {
    const [r, c] = this.shape[node.out];
    const [a, b] = node.shapes;
    const product = b && a[1] === b[0] && !(a[0] === 1 && a[1] === 1) && !(b[0] === 1 && b[1] === 1) ? a[0] * a[1] * b[1] : 0;
    return Math.max(r * c, 1) * entryCost + product;
  }

  /** The slot holding expr's value; nodes that depend on a trained cell go on `list`, the rest are computed now. */
  private expr(e: Expr, ref: (name: string) => number, list: Node[], gradRef: ((of: string, wrt: string) => number) | null): number {
    switch (e.kind) {
      case 'const': {
        const slot = this.slot(shapeOf(e.value), false, false);
        this.buf[slot].set(typeof e.value === 'number' ? [e.value] : e.value.data);
        return slot;
      }
      case 'ref':
        return ref(e.name);
      case 'grad':
        if (!gradRef) throw new Unsupported();
        return gradRef(e.of, e.wrt);
      case 'apply': {
        const op = e.op.buffered;
        if (!op) throw new Unsupported();
        const args = e.args.map((a) => this.expr(a, ref, list, gradRef));
        const shapes = args.map((s) => this.shape[s]);
        const shape = op.shape(shapes);
        if (!shape) throw new Unsupported();
        const need = args.map((s) => this.tracked[s]);
        const taped = need.some(Boolean) && !e.op.flat;
        if (taped && (!e.op.backward || e.op.whole?.some((k) => need[k]))) throw new Unsupported();
        const varies = args.some((s) => this.varies[s]);
        const out = this.slot(shape, taped, varies);
        const node: Node = { op, args, shapes, out, o: this.buf[out], xs: args.map((s) => this.buf[s]), need };
        if (!varies && !taped && list !== this.updateNodes) {
          // Depends on no trained cell and no gradient goes through it: its value is the same
          // every step. (A node an update differentiates against, grad(L, a) for a fixed a, is
          // taped like any other, or backward would never reach a and hand back zeros.)
          op.forward(node.o, node.xs, shapes);
          return out;
        }
        list.push(node);
        args.forEach((s, i) => {
          if (!this.readers.has(s)) this.readers.set(s, []);
          this.readers.get(s)!.push([node, i]);
        });
        if (taped && list === this.forward) this.taped.push(node);
        this.work += this.cost(node);
        return out;
      }
      default:
        throw new Unsupported();
    }
  }

  /** Whether this step can run at these inputs (every trained cell read has its compiled shape). */
  fits(inputs: ReadonlyMap<string, CellResult>): boolean {
    for (const { slot, name } of this.bound) {
      const v = inputs.get(name);
      if (v === undefined || isCellError(v)) return false;
      const [r, c] = this.shape[slot];
      if (typeof v === 'number' ? !(r === 1 && c === 1) : v.rows !== r || v.cols !== c) return false;
    }
    return true;
  }

  /** One step; null when it must be taken on the tape path instead (that path says why). */
  step(inputs: ReadonlyMap<string, CellResult>): CompiledResult | null {
    const { buf } = this;
    spend(this.work);
    // Bind the trained cells: a matrix's own entries (never written), a number copied.
    for (const { slot, name } of this.bound) {
      const v = inputs.get(name) as Value;
      if (typeof v === 'number') {
        if (buf[slot].length !== 1) return null;
        buf[slot][0] = v;
      } else {
        if (v.data.length !== buf[slot].length) return null;
        this.rebind(slot, v.data);
      }
    }
    run(this.forward);
    for (const slot of this.cells) if (!allFinite(buf[slot])) return null;
    // Backward: the seed, then each node's gradients, then the sums where gradients meet.
    const back = this.back,
      grad = this.grad;
    buf[grad[this.root]!][0] = 1;
    for (let k = 0; k < back.length; k++) {
      const { node, into, sums } = back[k];
      node.op.backward(buf[grad[node.out]!], node.xs, node.o, node.shapes, node.need, into);
      for (let s = 0; s < sums.length; s++) {
        const [to, addend] = sums[s],
          g = buf[to],
          a = buf[addend];
        for (let q = 0; q < g.length; q++) g[q] = g[q] + a[q];
      }
    }
    // The updates: each rule's result in a buffer of its own, which becomes the new value.
    for (const { slot, node } of this.results) node.o = buf[slot] = new Float64Array(buf[slot].length);
    run(this.updateNodes);
    const next = new Map<string, Value>();
    for (const { target, slot } of this.results) {
      const d = buf[slot];
      if (!allFinite(d)) return null;
      const [r, c] = this.shape[slot];
      next.set(target, r === 1 && c === 1 ? d[0] : new Mat(r, c, d));
    }
    return { loss: buf[this.root][0], next };
  }

  /** Every node reading `slot` reads `data` from now on. */
  private rebind(slot: number, data: Float64Array): void {
    this.buf[slot] = data;
    const readers = this.readers.get(slot);
    if (readers) for (const [node, i] of readers) node.xs[i] = data;
  }
}

function run(nodes: readonly Node[]): void {
  for (let k = 0; k < nodes.length; k++) {
    const n = nodes[k];
    n.op.forward(n.o, n.xs, n.shapes);
  }
}

function allFinite(d: Float64Array): boolean {
  for (let k = 0; k < d.length; k++) if (!Number.isFinite(d[k])) return false;
  return true;
}

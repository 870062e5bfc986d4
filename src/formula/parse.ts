// Formula text → Expr, our own small tree that evaluate.ts runs and grad/ differentiates.
//
// mathjs parses the text; this module then walks its nodes against an allow-list. Anything
// that is not arithmetic on numbers and matrices (assignments, function definitions, property
// access, strings, objects, unknown or disabled functions) is rejected here, before anything
// runs, with the column where it happens.

import { CellError } from '../errors.ts';
import { codes, messages } from '../messages.ts';
import { limits } from '../limits.ts';
import { constants, functions, operators, range, type Op } from './functions.ts';
import { disabledFunctions, parse as mathParse, type MathNode } from './mathjs.ts';
import { fields, type NodeFields } from './node-fields.ts';
import { closest } from './spelling.ts';
import { invalidCharacter, isValidName } from '../graph/names.ts';
import type { Value } from './value.ts';
import { matFromRows } from './value.ts';

export type IndexDim = { kind: 'all' } | { kind: 'at'; at: Expr } | { kind: 'range'; from: Expr; to: Expr; step?: Expr };

export type Expr =
  | { kind: 'const'; value: Value; text: string }
  | { kind: 'ref'; name: string; text: string }
  | { kind: 'end'; text: string }
  | { kind: 'apply'; op: Op; args: Expr[]; text: string }
  | { kind: 'matrix'; rows: Expr[][]; text: string }
  | { kind: 'index'; target: Expr; dims: IndexDim[]; text: string }
  | { kind: 'cond'; test: Expr; then: Expr; otherwise: Expr; text: string }
  | { kind: 'grad'; of: string; wrt: string; text: string };

export interface Literal {
  value: Value;
  /** The entries as text, row by row, as an editable grid shows them. */
  entries: string[][];
}

export interface ParsedFormula {
  text: string;
  expr: Expr;
  node: MathNode;
  /** Cell names the formula reads, each once, in order of appearance. */
  refs: string[];
  /** Set when the formula is a plain number or matrix of numbers: the cell is an input. */
  literal?: Literal;
  /** The formula calls grad(…), so it reads the formulas of other cells as well as their values. */
  usesGrad: boolean;
}

export interface ParseContext {
  /** Is this name a cell of the workbook? (Used for "did you mean" and to forbid calling a cell.) */
  isCell(name: string): boolean;
  cellNames(): Iterable<string>;
}

const noCells: ParseContext = { isCell: () => false, cellNames: () => [] };

export interface ParseOptions {
  /**
   * The text is an input cell's own literal (data, not a formula): a plain number or matrix of
   * numbers of any length is accepted, bounded by the file's size and limits.maxEntries. Any
   * other text over limits.maxFormulaLength is still refused (E_TOO_LONG).
   */
  longLiteral?: boolean;
}

export function parseFormula(text: string, ctx: ParseContext = noCells, options: ParseOptions = {}): ParsedFormula {
  const tooLong = text.length > limits.maxFormulaLength;
  const refuseLong = () => new CellError(codes.E_TOO_LONG, messages.tooLong(text.length, limits.maxFormulaLength), '', limits.maxFormulaLength);
  if (tooLong && !(options.longLiteral && literalShaped(text))) throw refuseLong();
  // Plain numbers are read here without mathjs (a 256×256 matrix: ~0.5 s through mathjs).
  const fast = fastLiteral(text);
  if (fast) return literalFormula(text, fast);
  if (!text.trim()) throw new CellError(codes.E_SYNTAX, messages.formulaEmpty(), '', 1);
  const deep = nestingBeyond(text, limits.maxNesting);
  if (deep) throw new CellError(codes.E_TOO_DEEP, messages.tooDeep(limits.maxNesting), '', deep);

  let node: MathNode;
  try {
    node = mathParse(text);
  } catch (e) {
    // The brackets were counted above, so a stack overflow here is a long chain of operations.
    if (e instanceof RangeError) throw new CellError(codes.E_TOO_DEEP, messages.tooDeepChain(limits.maxDepth), '', 1);
    const err = (e ?? {}) as Error & { char?: number };
    const detail = String(err.message || e)
      .replace(/\s*\(char \d+\)$/, '')
      .replace(/\.$/, '');
    throw new CellError(codes.E_SYNTAX, messages.syntax(lowerFirst(detail)), '', typeof err.char === 'number' ? Math.max(1, err.char) : 1);
  }

  const walker = new Walker(text, ctx);
  const expr = walker.walk(node, 0, false);
  const literal = literalOf(node);
  // A long text that looked like a literal (so that its mistakes are located) but is not one.
  if (tooLong && !literal) throw refuseLong();
  return { text, expr, node, refs: [...walker.refs], usesGrad: walker.usesGrad, ...(literal ? { literal } : {}) };
}

/** The 1-based column where bracket nesting first exceeds `max`, or 0. */
function nestingBeyond(text: string, max: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') {
      if (++depth > max) return i + 1;
    } else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return 0;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Where a word first appears in the text (1-based column), for locating an error; 1 if it does not. */
export function columnOf(text: string, word: string, from = 0): number {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // A name is found as a whole word: Θ1 is not the end of xΘ1, nor x the start of x2.
  const re = new RegExp(/^[\p{L}\p{N}_]/u.test(word) ? `(?<![\\p{L}\\p{N}_.])${escaped}(?![\\p{L}\\p{N}_])` : escaped, 'u');
  const m = re.exec(text.slice(from));
  return m ? from + m.index + 1 : 1;
}

class Walker {
  readonly refs = new Set<string>();
  usesGrad = false;
  constructor(
    readonly text: string,
    readonly ctx: ParseContext,
  ) {}

  fail(code: (typeof codes)[keyof typeof codes], message: string, word?: string): never {
    throw new CellError(code, message, '', word === undefined ? 1 : columnOf(this.text, word));
  }

  /** An assignment or definition, located at its "=" (not the one of ==, <=, >= or !=). */
  failAssignment(message: string): never {
    const m = /(?<![=<>!])=(?!=)/.exec(this.text);
    throw new CellError(codes.E_FORBIDDEN, message, '', m ? m.index + 1 : 1);
  }

  walk(node: MathNode, depth: number, inIndex: boolean): Expr {
    if (depth > limits.maxDepth) this.fail(codes.E_TOO_DEEP, messages.tooDeepChain(limits.maxDepth));
    const expr = this.build(node, fields(node), depth, inIndex);
    // The text of a sub-expression is only needed for messages: computing it for every node
    // up front costs the formula's length times its depth.
    let text: string | undefined;
    Object.defineProperty(expr, 'text', { get: () => (text ??= safeText(node)), enumerable: true, configurable: true });
    return expr;
  }

  private build(node: MathNode, n: NodeFields, depth: number, inIndex: boolean): Expr {
    const text = ''; // a placeholder: walk() gives every Expr a lazy \`text\`
    const sub = (child: MathNode, idx = inIndex) => this.walk(child, depth + 1, idx);

    switch (node.type) {
      case 'ConstantNode': {
        const v = n.value;
        const written = safeText(node);
        if (typeof v === 'number') {
          // NaN, Infinity and 1e400 would be values no cell may hold (value.ts, "Numbers").
          if (!Number.isFinite(v)) this.fail(codes.E_NONFINITE, messages.nonFiniteLiteral(written), written);
          return { kind: 'const', value: v, text };
        }
        if (typeof v === 'boolean') {
          // A cell named true (refused) still owns the name: reading it depends on its error.
          if (this.ctx.isCell(written)) return this.ref(written);
          return { kind: 'const', value: v ? 1 : 0, text };
        }
        if (typeof v === 'string') return this.fail(codes.E_FORBIDDEN, messages.strings(), '"');
        return this.fail(codes.E_FORBIDDEN, messages.forbidden(messages.quoted(written)), written);
      }
      case 'SymbolNode': {
        const name: string = n.name;
        if (name === 'end') {
          if (!inIndex) this.fail(codes.E_SYNTAX, messages.syntax(messages.endOutsideIndex()), 'end');
          return { kind: 'end', text };
        }
        if (this.ctx.isCell(name)) {
          this.refs.add(name);
          return { kind: 'ref', name, text };
        }
        // mathjs reads × ÷ and the Kelvin sign K as letters: `a×b` is one symbol, which is no name.
        const bad = isValidName(name) ? null : invalidCharacter(name);
        if (bad) this.fail(codes.E_NAME_INVALID, bad, name);
        if (constants.has(name)) return { kind: 'const', value: constants.get(name)!, text };
        if (functions.has(name)) {
          return this.fail(codes.E_SYNTAX, messages.syntax(messages.functionNotCalled(name)), name);
        }
        // Unknown here; the checker decides whether it names a cell (and says "not defined" if not).
        this.refs.add(name);
        return { kind: 'ref', name, text };
      }
      case 'ParenthesisNode':
        return sub(n.content);
      case 'OperatorNode': {
        const op = operators.get(n.fn as string);
        if (!op) return this.fail(codes.E_FORBIDDEN, messages.forbidden(messages.theOperator(n.op)), n.op);
        const args = (n.args as MathNode[]).map((a) => sub(a));
        return { kind: 'apply', op, args, text };
      }
      case 'FunctionNode': {
        const fn = n.fn as NodeFields;
        if (fn.type !== 'SymbolNode') return this.fail(codes.E_FORBIDDEN, messages.forbidden(messages.callingAResult()));
        const name: string = fn.name;
        const argNodes = n.args as MathNode[];
        if (name === 'grad') return this.grad(argNodes);
        const op = functions.get(name);
        if (!op) {
          if (this.ctx.isCell(name)) this.fail(codes.E_NOT_A_FUNCTION, messages.notAFunction(name), name);
          if (disabledFunctions.has(name)) this.fail(codes.E_FORBIDDEN, messages.functionDisabled(name), name);
          this.fail(codes.E_FUNCTION_UNKNOWN, messages.functionUnknown(name, closest(name, functions.keys())), name);
        }
        const [min, max] = op.arity;
        if (argNodes.length < min || argNodes.length > max) {
          const expected = min === max ? `${min} argument${min === 1 ? '' : 's'}` : `${min} to ${max} arguments`;
          this.fail(codes.E_ARITY, messages.arity(name, expected, argNodes.length), name);
        }
        return { kind: 'apply', op, args: argNodes.map((a) => sub(a)), text };
      }
      case 'ArrayNode': {
        const items = n.items as MathNode[];
        const nested = items.length > 0 && items.every((i) => i.type === 'ArrayNode');
        const rows = nested ? items.map((r) => fields(r).items as MathNode[]) : [items];
        if (nested && rows.some((r) => r.some((i) => i.type === 'ArrayNode' && fields(i).items.some((j: MathNode) => j.type === 'ArrayNode')))) {
          this.fail(codes.E_FORBIDDEN, messages.forbidden(messages.matrix3d()), '[');
        }
        return { kind: 'matrix', rows: rows.map((r) => r.map((i) => sub(i))), text };
      }
      case 'RangeNode': {
        const from = sub(n.start),
          to = sub(n.end);
        const args = n.step ? [from, to, sub(n.step)] : [from, to];
        return { kind: 'apply', op: range, args, text };
      }
      case 'AccessorNode': {
        const index = n.index;
        if (index.dotNotation) return this.fail(codes.E_FORBIDDEN, messages.propertyAccess(), '.');
        const target = sub(n.object);
        const dims = (index.dimensions as MathNode[]).map((d) => this.indexDim(d, depth));
        if (dims.length < 1 || dims.length > 2) {
          this.fail(codes.E_INDEX, messages.index(messages.indexCount()), '[');
        }
        return { kind: 'index', target, dims, text };
      }
      case 'ConditionalNode':
        return { kind: 'cond', test: sub(n.condition), then: sub(n.trueExpr), otherwise: sub(n.falseExpr), text };
      case 'AssignmentNode':
        return this.failAssignment(messages.assignment());
      case 'FunctionAssignmentNode':
        return this.failAssignment(messages.functionDefinition());
      case 'BlockNode':
        return this.fail(codes.E_FORBIDDEN, messages.forbidden(messages.severalExpressions()), ';');
      case 'ObjectNode':
        return this.fail(codes.E_FORBIDDEN, messages.forbidden(messages.anObject()), '{');
      case 'RelationalNode':
        return this.fail(codes.E_FORBIDDEN, messages.forbidden(messages.chainedComparison()));
      default:
        return this.fail(codes.E_FORBIDDEN, messages.forbidden(messages.quoted(safeText(node))));
    }
  }

  ref(name: string): Expr {
    this.refs.add(name);
    return { kind: 'ref', name, text: '' };
  }

  indexDim(d: MathNode, depth: number): IndexDim {
    const n = fields(d);
    if (d.type === 'RangeNode') {
      const isEnd = (x: NodeFields | undefined) => x && x.type === 'SymbolNode' && x.name === 'end';
      const isOne = (x: NodeFields | undefined) => x && x.type === 'ConstantNode' && x.value === 1;
      if (!n.step && isOne(n.start) && isEnd(n.end)) {
        // A bare ":" parses as 1:end: the whole dimension.
        return { kind: 'all' };
      }
      return {
        kind: 'range',
        from: this.walk(n.start, depth + 1, true),
        to: this.walk(n.end, depth + 1, true),
        ...(n.step ? { step: this.walk(n.step, depth + 1, true) } : {}),
      };
    }
    return { kind: 'at', at: this.walk(d, depth + 1, true) };
  }

  grad(args: MathNode[]): Expr {
    if (args.length !== 2 || args.some((a) => a.type !== 'SymbolNode')) this.fail(codes.E_ARITY, messages.argument('grad', messages.gradUsage()), 'grad');
    const [of, wrt] = args.map((a) => fields(a).name);
    this.usesGrad = true;
    this.refs.add(of);
    this.refs.add(wrt);
    return { kind: 'grad', of, wrt, text: '' };
  }
}

function safeText(node: MathNode): string {
  try {
    return node.toString();
  } catch {
    return '?';
  }
}

/** A plain number or matrix of numbers (with signs), as written; null for anything else. */
export function literalOf(node: MathNode): Literal | null {
  const num = (x: MathNode): number | null => {
    const n = fields(x);
    if (x.type === 'ConstantNode' && typeof n.value === 'number') return n.value;
    if (x.type === 'OperatorNode' && (n.fn === 'unaryMinus' || n.fn === 'unaryPlus')) {
      const v = num(n.args[0]);
      return v === null ? null : n.fn === 'unaryMinus' ? -v : v;
    }
    return null;
  };
  const scalar = num(node);
  if (scalar !== null) return { value: scalar, entries: [[formatEntry(scalar)]] };
  if (node.type !== 'ArrayNode') return null;
  const items = fields(node).items as MathNode[];
  if (items.length === 0) return null;
  const rowsNodes = items.every((i) => i.type === 'ArrayNode') ? items.map((r) => fields(r).items as MathNode[]) : [items];
  const rows: number[][] = [];
  for (const r of rowsNodes) {
    const row = r.map(num);
    if (row.some((v) => v === null)) return null;
    rows.push(row as number[]);
  }
  if (rows.some((r) => r.length !== rows[0].length) || rows[0].length === 0) return null;
  return { value: matFromRows(rows), entries: rows.map((r) => r.map(formatEntry)) };
}

/** How an entry is shown for editing: the shortest text that reads back as the same number. */
export function formatEntry(v: number): string {
  return String(v);
}

// ---- Literals without mathjs -------------------------------------------------------------------
// An input cell's literal is data: a 256×256 matrix of short numbers is ~330,000 characters,
// which mathjs parses in ~0.5 s. The common form — numbers with at most one sign each, commas
// between entries, semicolons between rows, in one pair of brackets — is read here in one pass,
// and gives the same Literal as literalOf(mathjs's tree) (test/formula/literal.test.ts checks
// that over random literals). Anything else (two signs, hex, [[1, 2], [3, 4]], an expression,
// a number too large for float64, a mistake) returns null and goes through mathjs as before,
// which locates every error.

/** Could this text be a literal? Only then is a long text parsed, so that a mistake in it is located. */
function literalShaped(text: string): boolean {
  return /^\s*\[[\s\d.,;[\]eE+-]*\]\s*$/.test(text) && /\d/.test(text);
}

const SPACE = 32,
  TAB = 9,
  PLUS = 43,
  MINUS = 45,
  DOT = 46,
  ZERO = 48,
  NINE = 57,
  COMMA = 44,
  SEMI = 59,
  OPEN = 91,
  CLOSE = 93,
  E_UPPER = 69,
  E_LOWER = 101;
const isDigit = (c: number) => c >= ZERO && c <= NINE;

/** The Literal of a plain numeric literal ("1.5", "[1, -2; 3e-4, +4]"), or null when mathjs must read the text. */
export function fastLiteral(text: string): Literal | null {
  const n = text.length;
  let i = 0;
  const skip = () => {
    while (i < n && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
  };
  /** One number with at most one sign, or NaN when the text has none here. */
  const number = (): number => {
    let negative = false;
    const sign = text.charCodeAt(i);
    if (sign === PLUS || sign === MINUS) {
      negative = sign === MINUS;
      i++;
      skip();
    }
    const start = i;
    while (i < n && isDigit(text.charCodeAt(i))) i++;
    let digits = i - start;
    if (text.charCodeAt(i) === DOT) {
      i++;
      const from = i;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      digits += i - from;
    }
    if (digits === 0) return NaN;
    const e = text.charCodeAt(i);
    if (e === E_LOWER || e === E_UPPER) {
      i++;
      const s = text.charCodeAt(i);
      if (s === PLUS || s === MINUS) i++;
      const from = i;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      if (i === from) return NaN;
    }
    const v = Number(text.slice(start, i));
    // 1e400 is Infinity: mathjs's path says where it is written (E_NONFINITE).
    if (!Number.isFinite(v)) return NaN;
    return negative ? -v : v;
  };

  skip();
  if (text.charCodeAt(i) !== OPEN) {
    const v = number();
    skip();
    return Number.isNaN(v) || i !== n ? null : { value: v, entries: [[formatEntry(v)]] };
  }
  i++;
  const rows: number[][] = [];
  let row: number[] = [];
  for (;;) {
    skip();
    const v = number();
    if (Number.isNaN(v)) return null;
    row.push(v);
    skip();
    const c = text.charCodeAt(i++);
    if (c === COMMA) continue;
    if (c !== SEMI && c !== CLOSE) return null;
    if (rows.length && row.length !== rows[0].length) return null;
    rows.push(row);
    row = [];
    if (c === CLOSE) break;
  }
  skip();
  if (i !== n) return null;
  const count = rows.length * rows[0].length;
  if (count > limits.maxEntries) throw new CellError(codes.E_TOO_LARGE, messages.tooLarge('The matrix', count, limits.maxEntries), '', 1);
  return { value: matFromRows(rows), entries: rows.map((r) => r.map(formatEntry)) };
}

/**
 * The ParsedFormula of a literal read without mathjs. Its value is a constant; its mathjs tree,
 * which only typesetting a formula cell needs, is parsed when first asked for.
 */
function literalFormula(text: string, literal: Literal): ParsedFormula {
  const parsed = { text, expr: { kind: 'const', value: literal.value, text }, refs: [], usesGrad: false, literal } as Omit<ParsedFormula, 'node'>;
  let node: MathNode | undefined;
  Object.defineProperty(parsed, 'node', { get: () => (node ??= mathParse(text)), enumerable: true, configurable: true });
  return parsed as ParsedFormula;
}

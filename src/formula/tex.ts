// A formula as TeX, for typesetting beside its value: cell names become their display labels
// (Theta1 → Θ₁), ' becomes ᵀ, .* becomes ⊙, and the lecture's functions their usual symbols.
// Parentheses are kept as written (the author had to write them for precedence anyway).

import { functions } from './functions.ts';
import type { MathNode } from './mathjs.ts';
import { fields, type NodeFields } from './node-fields.ts';

/** A bare `:` in an index, which mathjs reads as 1:end. */
function isWholeRange(node: MathNode): boolean {
  const d = fields(node);
  return d.type === 'RangeNode' && !d.step && d.start.type === 'ConstantNode' && d.start.value === 1 && d.end.type === 'SymbolNode' && d.end.name === 'end';
}

/** TeX too long or too tall to be set as a stacked fraction's part. */
function crowded(tex: string): boolean {
  return tex.length > 60 || /\\begin\{|\\frac/.test(tex);
}

export function formulaTex(node: MathNode, labelOf: (name: string) => string | undefined): string {
  const options = {
    parenthesis: 'keep',
    implicit: 'hide',
    handler: (node: MathNode, opts: object): string | undefined => {
      const n = fields(node);
      const tex = (child: MathNode) => child.toTex(opts);
      switch (n.type) {
        case 'SymbolNode': {
          const label = labelOf(n.name);
          // Braced, so a label never runs into a command before it (\neq{t}, not \neqt).
          if (label !== undefined) return `{${label}}`;
          return n.name === 'pi' ? '\\pi' : undefined;
        }
        case 'OperatorNode': {
          const [a, b] = n.args as MathNode[];
          switch (n.fn) {
            case 'ctranspose':
            case 'transpose':
              return `{${tex(a)}}^{\\top}`;
            case 'dotMultiply':
              return `${tex(a)} \\odot ${tex(b)}`;
            case 'dotDivide':
              return `${tex(a)} \\oslash ${tex(b)}`;
            case 'dotPow':
              return `{${tex(a)}}^{\\circ ${tex(b)}}`;
            case 'equal':
              // A comparison gives 1 or 0: written as the Iverson bracket [a = b], so that
              // "S = a == b" reads S = [a = b], not "S = a = b" (a condition is a plain =, below).
              return `\\left[${tex(a)} = ${tex(b)}\\right]`;
            case 'divide': {
              // A long or tall numerator or denominator (a matrix, a fraction, a call with either)
              // is written a / b: stacked, it would be set small and cramped.
              const [p, q] = [tex(a), tex(b)];
              return crowded(p) || crowded(q) ? `${p} / ${q}` : `\\frac{${p}}{${q}}`;
            }
            case 'multiply':
              if (n.implicit) return undefined;
              return a.type === 'ConstantNode' || b.type === 'ConstantNode' ? `${tex(a)} \\cdot ${tex(b)}` : `${tex(a)}\\,${tex(b)}`;
            default:
              return undefined;
          }
        }
        case 'FunctionNode': {
          const name: string = (n.fn as NodeFields | undefined)?.name as string;
          const args = (n.args as MathNode[]).map(tex);
          if (name === 'grad') return `\\frac{\\partial ${args[0]}}{\\partial ${args[1]}}`;
          const op = functions.get(name);
          return op?.tex ? op.tex(args) : undefined;
        }
        case 'ConditionalNode': {
          // As the lecture writes a case: "if ‖w‖ = 0", a comparison read as a condition.
          const cond = (c: NodeFields): string => {
            while (c.type === 'ParenthesisNode') c = c.content;
            if (c.type === 'OperatorNode' && c.fn === 'equal') return `${tex(c.args[0])} = ${tex(c.args[1])}`;
            if (c.type === 'OperatorNode' && (c.fn === 'and' || c.fn === 'or'))
              return `${cond(c.args[0])} ${c.fn === 'and' ? '\\wedge' : '\\vee'} ${cond(c.args[1])}`;
            return tex(c);
          };
          return `\\begin{cases} {${tex(n.trueExpr)}}, &\\quad{\\text{if }\\;${cond(n.condition)}}\\\\{${tex(n.falseExpr)}}, &\\quad{\\text{otherwise}}\\end{cases}`;
        }
        case 'AccessorNode':
          return `{${tex(n.object)}}_{${(n.index.dimensions as MathNode[]).map((d) => (isWholeRange(d) ? ':' : tex(d))).join(',')}}`;
        case 'ArrayNode': {
          // [a, b] is a row and [a; b] a column (mathjs would typeset a flat [a, b] as a column).
          const items = n.items as MathNode[];
          const rows = items.length && items.every((i) => i.type === 'ArrayNode') ? items.map((r) => fields(r).items as MathNode[]) : [items];
          return `\\begin{bmatrix}${rows.map((r) => r.map(tex).join(' & ')).join(' \\\\ ')}\\end{bmatrix}`;
        }
        default:
          return undefined;
      }
    },
  };
  try {
    return node.toTex(options);
  } catch {
    return '';
  }
}

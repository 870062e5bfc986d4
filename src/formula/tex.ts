// A formula as TeX, for typesetting beside its value: cell names become their display labels
// (Theta1 → Θ₁), ' becomes ᵀ, .* becomes ⊙, and the lecture's functions their usual symbols.
// Parentheses are kept as written (the author had to write them for precedence anyway).

import { functions } from './functions.ts';
import type { MathNode } from './mathjs.ts';

/** A bare `:` in an index, which mathjs reads as 1:end. */
function isWholeRange(d: any): boolean {
  return d.type === 'RangeNode' && !d.step && d.start.type === 'ConstantNode' && d.start.value === 1 && d.end.type === 'SymbolNode' && d.end.name === 'end';
}

export function formulaTex(node: MathNode, labelOf: (name: string) => string | undefined): string {
  const options: any = {
    parenthesis: 'keep',
    implicit: 'hide',
    handler: (n: any, opts: any): string | undefined => {
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
              // A comparison, not a definition: "S = a == b" must not read "S = a = b".
              return `${tex(a)} \\overset{?}{=} ${tex(b)}`;
            case 'multiply':
              if (n.implicit) return undefined;
              return a.type === 'ConstantNode' || b.type === 'ConstantNode' ? `${tex(a)} \\cdot ${tex(b)}` : `${tex(a)}\\,${tex(b)}`;
            default:
              return undefined;
          }
        }
        case 'FunctionNode': {
          const name: string = n.fn?.name;
          const args = (n.args as MathNode[]).map(tex);
          if (name === 'grad') return `\\frac{\\partial ${args[0]}}{\\partial ${args[1]}}`;
          const op = functions.get(name);
          return op?.tex ? op.tex(args) : undefined;
        }
        case 'AccessorNode':
          return `{${tex(n.object)}}_{${(n.index.dimensions as MathNode[]).map((d) => (isWholeRange(d) ? ':' : tex(d))).join(',')}}`;
        case 'ArrayNode': {
          // [a, b] is a row and [a; b] a column (mathjs would typeset a flat [a, b] as a column).
          const items = n.items as MathNode[];
          const rows = items.length && items.every((i) => i.type === 'ArrayNode') ? items.map((r) => (r as any).items as MathNode[]) : [items];
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

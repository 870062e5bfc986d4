// A formula as TeX, for typesetting beside its value: cell names become their display labels
// (Theta1 → Θ₁), ' becomes ᵀ, .* becomes ⊙, and the lecture's functions their usual symbols.
// Parentheses are kept as written (the author had to write them for precedence anyway).

import { functions } from './functions.ts';
import type { MathNode } from './mathjs.ts';

export function formulaTex(node: MathNode, labelOf: (name: string) => string | undefined): string {
  const options: any = {
    parenthesis: 'keep',
    implicit: 'hide',
    handler: (n: any, opts: any): string | undefined => {
      const tex = (child: MathNode) => child.toTex(opts);
      switch (n.type) {
        case 'SymbolNode': {
          const label = labelOf(n.name);
          if (label !== undefined) return label;
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
          return `{${tex(n.object)}}_{${(n.index.dimensions as MathNode[]).map(tex).join(',')}}`;
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

// The fields of a mathjs parse node that the engine reads (the formula walk, literals, TeX).
// mathjs types each node class apart and its MathNode interface has only `type`, so a switch on
// `type` does not narrow it; this one shape names every field read, each set only for the node
// types that have it (as mathjs's own classes say): ConstantNode value; SymbolNode name;
// ParenthesisNode content; OperatorNode fn (a name such as "add"), op, args and implicit; FunctionNode fn
// (a node) and args; ArrayNode items; RangeNode start, end, step; AccessorNode object and index;
// ConditionalNode condition, trueExpr, falseExpr.
import type { MathNode } from './mathjs.ts';

export interface NodeFields extends MathNode {
  value: unknown;
  name: string;
  content: NodeFields;
  fn: string | NodeFields;
  op: string;
  args: NodeFields[];
  implicit: boolean;
  items: NodeFields[];
  start: NodeFields;
  end: NodeFields;
  step?: NodeFields;
  object: NodeFields;
  index: { dotNotation: boolean; dimensions: NodeFields[] };
  condition: NodeFields;
  trueExpr: NodeFields;
  falseExpr: NodeFields;
}

/** A node with the fields its `type` gives it (read only what that type has). */
export const fields = (node: MathNode) => node as NodeFields;

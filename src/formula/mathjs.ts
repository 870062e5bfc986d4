// The mathjs instance that parses formulas, built from mathjs's factories for the parser and its
// node classes only: no evaluate, compile, import, createUnit, simplify, units, BigNumber,
// Fraction or Complex exist in it, and gradsheet never evaluates a mathjs node. Formulas are
// evaluated by our own interpreter (evaluate.ts) over an allow-list of functions
// (functions.ts), so no formula can reach mathjs's config or import, JavaScript properties, or
// the page (GUIDE §4).
//
// mathjs's own `parseDependencies` bring in the number types a formula never has: numeric()
// needs bignumber() and fraction() (decimal.js, fraction.js), typed() the BigNumber, Complex,
// Fraction and DenseMatrix classes, and AccessorNode the whole of subset() (matrices). Here
// numbers are numbers only, the classes are left out (typed keeps their names, so no signature
// changes), and subset() and size(), which the nodes use only when mathjs evaluates them, are
// stubs that refuse. That is ~30 KB gzipped less on every page that shows a cell.

import {
  create,
  factory,
  createTyped,
  createNumber,
  createNumeric,
  createIsBounded,
  createNode,
  createAccessorNode,
  createArrayNode,
  createAssignmentNode,
  createBlockNode,
  createConditionalNode,
  createConstantNode,
  createFunctionAssignmentNode,
  createFunctionNode,
  createIndexNode,
  createObjectNode,
  createOperatorNode,
  createParenthesisNode,
  createRangeNode,
  createRelationalNode,
  createSymbolNode,
  createResultSet,
  createParse,
  type MathNode,
} from 'mathjs';

/** What mathjs would need only to evaluate a node, which gradsheet never does. */
const refuse = (name: string) =>
  factory(name, [], () => () => {
    throw new Error(`gradsheet does not evaluate mathjs expressions (${name})`);
  });

const math = create({
  createTyped,
  createNumber,
  createNumeric,
  createIsBounded,
  createNode,
  createAccessorNode,
  createArrayNode,
  createAssignmentNode,
  createBlockNode,
  createConditionalNode,
  createConstantNode,
  createFunctionAssignmentNode,
  createFunctionNode,
  createIndexNode,
  createObjectNode,
  createOperatorNode,
  createParenthesisNode,
  createRangeNode,
  createRelationalNode,
  createSymbolNode,
  createResultSet,
  createParse,
  createSubset: refuse('subset'),
  createSize: refuse('size'),
});
export const parse: (expr: string) => MathNode = math.parse;
export type { MathNode };

/** The instance's configuration, as JSON: tests check that no formula ever changes it. */
export function configSnapshot(): string {
  return JSON.stringify((math.config as () => object)());
}

/** mathjs functions that a formula must never call; named so the error can say "disabled". */
export const disabledFunctions: ReadonlySet<string> = new Set([
  'import',
  'createUnit',
  'reviver',
  'replacer',
  'evaluate',
  'parse',
  'compile',
  'parser',
  'simplify',
  'simplifyCore',
  'simplifyConstant',
  'rationalize',
  'derivative',
  'resolve',
  'config',
  'help',
  'print',
  'format',
  'chain',
  'typed',
  'factory',
  'create',
  'on',
  'off',
  'once',
  'emit',
  'unit',
  'map',
  'forEach',
  'filter',
  'apply',
]);

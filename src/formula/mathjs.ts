// The mathjs instance that parses formulas. It is built from mathjs's parse dependencies only:
// no evaluate, compile, import, createUnit, simplify or units exist in it, and gradsheet never
// evaluates a mathjs node. Formulas are evaluated by our own interpreter (evaluate.ts) over an
// allow-list of functions (functions.ts), so no formula can reach mathjs's config or import,
// JavaScript properties, or the page (GUIDE §4).

import { create, parseDependencies, type MathNode } from 'mathjs';

const math = create({ parseDependencies });

export const parse: (expr: string) => MathNode = math.parse;
export type { MathNode };

/** The instance's configuration, as JSON: tests check that no formula ever changes it. */
export function configSnapshot(): string {
  return JSON.stringify((math.config as () => object)());
}

/** mathjs functions that a formula must never call; named so the error can say "disabled". */
export const disabledFunctions: ReadonlySet<string> = new Set([
  'import', 'createUnit', 'reviver', 'replacer', 'evaluate', 'parse', 'compile', 'parser', 'simplify', 'simplifyCore',
  'simplifyConstant', 'rationalize', 'derivative', 'resolve', 'config', 'help', 'print', 'format', 'chain', 'typed',
  'factory', 'create', 'on', 'off', 'once', 'emit', 'unit', 'map', 'forEach', 'filter', 'apply',
]);

// Cell names: a name means one thing. No cell may take the name of a function, a constant, a
// keyword, a disabled mathjs function or a property every JavaScript object has; a name starts
// with a letter. The lecture's own names stay free.
import { expect } from 'chai';
import { isValidName, reservedBecause } from '../../src/graph/names.ts';
import { functions } from '../../src/formula/functions.ts';
import { disabledFunctions } from '../../src/formula/mathjs.ts';
import { sheet } from '../helpers/sheet.ts';
import { guardGlobalState } from './invariants.ts';

guardGlobalState();

describe('cell names', () => {
  for (const name of ['x', 'y', 'E', 'h1', 's2', 'Theta1', 'Θ1', 'θ', 'gamma', 'y_hat', 'dE_dTheta2', 'Theta2_new', 'W_1', 'é', 'ℓ']) {
    it(`lets a cell be called ${name}`, () => {
      expect(isValidName(name), name).to.equal(true);
      expect(reservedBecause(name), name).to.equal(null);
      expect(sheet(`${name} = 2`, `twice = 2 * ${name}`).value('twice')).to.equal(4);
    });
  }

  for (const name of ['__proto__', '_data', '_compile', '1x', 'a-b', 'a.b', 'a b', '', 'x$', 'a\u200bb', '∑', '😀']) {
    it(`refuses ${JSON.stringify(name)} as an invalid name`, () => {
      expect(isValidName(name)).to.equal(false);
    });
  }

  for (const [name, why] of [
    ...[...functions.keys()].map((n) => [n, 'a built-in function']),
    ['pi', 'a built-in constant'], ['e', 'a built-in constant'],
    ...['and', 'or', 'xor', 'not', 'mod', 'to', 'in', 'end', 'true', 'false', 'null', 'undefined', 'NaN', 'Infinity', 'grad'].map((n) => [n, 'a keyword']),
    ...[...disabledFunctions].filter((n) => !functions.has(n)).map((n) => [n, 'a reserved function name']),
    ...['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString'].map((n) => [n, 'JavaScript']),
  ]) {
    it(`refuses a cell named ${name}: ${why}`, () => {
      expect(reservedBecause(name)).to.contain(why);
      const e = sheet(`${name} = 1`, 'other = 2').error(name);
      expect(e.code).to.equal('E_NAME_RESERVED');
      expect(e.message).to.contain(`choose another name (e.g. ${name}_1)`);
      expect(sheet(`${name} = 1`, 'other = 2').value('other')).to.equal(2);
    });
  }
});

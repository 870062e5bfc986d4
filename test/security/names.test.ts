// Cell names: a name means one thing. No cell may take the name of a function, a constant, a
// keyword, a disabled mathjs function or a property every JavaScript object has; a name starts
// with a letter. The lecture's own names stay free.
import { expect } from 'chai';
import { isValidName, reservedBecause } from '../../src/graph/names.ts';
import { functions } from '../../src/formula/functions.ts';
import { disabledFunctions } from '../../src/formula/mathjs.ts';
import { sheet } from '../helpers/sheet.ts';
import { evaluateWorkbook } from '../../src/workbook.ts';
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
    ['pi', 'a built-in constant'],
    ['e', 'a built-in constant'],
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

describe("a refused name is still its cell's", () => {
  it("makes f = e^2 depend on the refused cell e, never on Euler's number", () => {
    const s = sheet('e = 2', 'f = e^2', 'g = f + 1');
    expect(s.error('e').code).to.equal('E_NAME_RESERVED');
    for (const name of ['f', 'g']) {
      expect(s.error(name), name).to.deep.include({ code: 'E_NAME_RESERVED', root: 'e' });
    }
  });

  it("keeps e Euler's number in a workbook with no cell named e", () => {
    expect(sheet('f = e^2').value('f')).to.be.closeTo(Math.E ** 2, 1e-12);
  });

  for (const name of [...reservedNames()]) {
    it(`never reads the built-in behind a refused cell named ${name}`, () => {
      const s = sheet(`${name} = 2`, `f = ${name}`, 'other = 3');
      expect(s.error(name).root).to.equal(name);
      // Either f depends on the refused cell, or its formula is itself an error: never a number.
      const f = s.error('f');
      expect([name, 'f'], `${f.code} ${f.message}`).to.include(f.root);
      expect(s.value('other')).to.equal(3);
    });
  }

  for (const name of ['e', 'pi', 'true', 'false', 'sum', 'sigmoid', 'evaluate', 'constructor']) {
    it(`says the dependent of a cell named ${name} depends on it`, () => {
      expect(sheet(`${name} = 2`, `f = ${name} + 1`).error('f').root).to.equal(name);
    });
  }

  it('makes a training rule or a plot that reads a refused name an error, not the constant', () => {
    const spec =
      '```cells\ne = 2\nw = 1\nE = (w - 1)^2\nw_next = w\n```\n\n```plot\nx: w\nline: w * e as e\n```\n\n```train\nloss: E\nw <- w - e\nsteps: 1\n```\n';
    const { plan } = evaluateWorkbook(spec, 'p.md');
    const problems = plan.problems.map((p) => `${p.line} ${p.code} ${p.message}`);
    const refused = problems.filter((p) => p.includes('"e" is the name of a cell whose name is refused'));
    expect(refused, problems.join('\n')).to.have.length(2);
  });
});

describe('names a reader can tell apart', () => {
  for (const name of ['a×b', 'a÷b', '\u212A', 'x\u212A', '\u2126', '\u212B', 'a™', 'ǃ', 'ǀx', 'a\u0387b', '℃', 'ǅ', 'e\u0301', 'Аx', 'Ａ']) {
    it(`refuses ${JSON.stringify(name)} (${[...name].map((c) => 'U+' + c.codePointAt(0)!.toString(16).toUpperCase()).join(' ')}) with a message naming the character`, () => {
      expect(isValidName(name), name).to.equal(false);
      const e = sheet(`${name} = 1`, 'other = 2').error(name);
      expect(e.code).to.equal('E_NAME_INVALID');
      expect(e.message).to.match(/not a letter|another way of writing|not a name/);
      expect(e.loc).to.deep.equal({ line: 2, col: 1 });
    });
  }

  it('says × in a formula is not an operator, at its column, instead of reading a cell a×b', () => {
    const e = sheet('a = 2', 'b = 3', 'c = a×b').error('c');
    expect(e.code).to.equal('E_NAME_INVALID');
    expect(e.message).to.contain('write *');
    expect(e.loc).to.deep.equal({ line: 4, col: 5 });
    expect(sheet('a = 6', 'b = 3', 'c = a÷b').error('c').message).to.contain('write /');
  });

  it('says the Kelvin sign in a formula is another way of writing K', () => {
    const e = sheet('K = 2', 'c = 3 * \u212A').error('c');
    expect(e.code).to.equal('E_NAME_INVALID');
    expect(e.message).to.contain('U+212A').and.to.contain('type the plain letter K');
  });

  for (const [first, second] of [
    ['A', 'Α'],
    ['Theta1', 'Τheta1'],
    ['h', 'ℎ'],
    ['o', 'ο'],
    ['KA', 'ΚΑ'],
    ['p1', 'ρ1'],
    ['s1', 'ſ1'],
  ]) {
    it(`refuses ${second} beside ${first}: they look the same`, () => {
      const s = sheet(`${first} = 1`, `${second} = 2`, `f = ${first} + 1`);
      const e = s.error(second);
      expect(e.code).to.equal('E_NAME_DUPLICATE');
      expect(e.message).to.contain(`looks the same as the cell "${first}" on line 2`);
      expect(s.value('f')).to.equal(2);
    });
  }

  it('keeps every Greek letter a name, capitals included, when no Latin name looks the same', () => {
    const letters = [...'αβγδεζηθικλμνξοπρστυφχψωΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩϑϕϵ'];
    const s = sheet(...letters.map((l) => `${l} = 1`), `total = ${letters.join(' + ')}`);
    expect(s.value('total')).to.equal(letters.length);
  });
});

function reservedNames(): string[] {
  return [
    ...functions.keys(),
    'pi',
    'e',
    'and',
    'or',
    'xor',
    'not',
    'mod',
    'to',
    'in',
    'end',
    'true',
    'false',
    'null',
    'undefined',
    'NaN',
    'Infinity',
    'grad',
    ...[...disabledFunctions].filter((n) => !functions.has(n)),
    'constructor',
    'toString',
    'valueOf',
    'hasOwnProperty',
  ];
}

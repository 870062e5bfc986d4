// Formulas are arithmetic on numbers and matrices, nothing more (GUIDE §4). Each hostile input
// here is kept forever as a regression test.
import { expect } from 'chai';
import { sheet } from '../helpers/sheet.ts';

const forbidden = (formula: string) => sheet('x = 2', `bad = ${formula}`).error('bad');

describe('formula safety', () => {
  it('rejects an assignment inside a formula, at the "="', () => {
    const e = forbidden('a = 5');
    expect(e.code).to.equal('E_FORBIDDEN');
    expect(e.loc).to.deep.equal({ line: 3, col: 9 });
  });

  it('rejects a function definition', () => {
    expect(forbidden('f(t) = t^2').code).to.equal('E_FORBIDDEN');
  });

  it('rejects config(...) and leaves arithmetic alone', () => {
    const s = sheet('bad = config({relTol: 1})', 'same = 1 == 2');
    expect(s.error('bad').code).to.equal('E_FORBIDDEN');
    expect(s.value('same')).to.equal(0);
  });

  for (const name of ['import', 'evaluate', 'parse', 'compile', 'simplify', 'derivative', 'createUnit', 'resolve', 'help', 'print']) {
    it(`rejects ${name}(…) as disabled`, () => {
      const e = forbidden(`${name}(1)`);
      expect(e.code).to.equal('E_FORBIDDEN');
      expect(e.message).to.contain('disabled');
    });
  }

  for (const exploit of [
    'cos.constructor("return process")()',
    'x.constructor',
    '[].constructor.constructor("alert(1)")()',
    'sigmoid.toString()',
    'x["constructor"]',
    '{a: 1}',
    '"text"',
    'a = 1; b = 2',
  ]) {
    it(`rejects ${exploit}`, () => {
      const e = forbidden(exploit);
      expect(['E_FORBIDDEN', 'E_SYNTAX', 'E_INDEX']).to.include(e.code);
    });
  }

  for (const global of ['window', 'document', 'fetch', 'globalThis', 'process', 'constructor', '__proto__']) {
    it(`says ${global} is not defined`, () => {
      expect(forbidden(global).code).to.equal('E_NAME_UNKNOWN');
    });
  }

  it('stops huge matrices before they are created', () => {
    for (const f of ['ones(1e4, 1e4)', 'zeros(1e8)', '1:1e12', 'eye(1e5)', 'linspace(0, 1, 1e9)']) {
      const e = forbidden(f);
      expect(e.code, f).to.equal('E_TOO_LARGE');
    }
  });

  it('stops matrix products that would take too long', () => {
    const e = sheet('A = ones(1000, 1000)', 'B = A * A * A').error('B');
    expect(e.code).to.equal('E_TOO_LARGE');
  });

  it('stops deeply nested and very long formulas', () => {
    expect(forbidden('('.repeat(300) + '1' + ')'.repeat(300)).code).to.equal('E_TOO_DEEP');
    expect(forbidden('1' + '+1'.repeat(1500)).code).to.equal('E_TOO_LONG');
    expect(forbidden('-'.repeat(1900) + '1').code).to.be.oneOf(['E_TOO_DEEP', 'E_TOO_LONG']);
  });

  it('does not let a cell take the name of a function, constant or keyword', () => {
    for (const name of ['sum', 'sigmoid', 'pi', 'e', 'and', 'end', 'config', 'grad']) {
      const e = sheet(`${name} = 1`).error(name);
      expect(e.code, name).to.equal('E_NAME_RESERVED');
    }
  });
});

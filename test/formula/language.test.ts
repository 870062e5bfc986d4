// The formula language: operators, functions, matrices, indexing, and its error messages.
import { expect } from 'chai';
import { sheet } from '../helpers/sheet.ts';
import { expectValue } from '../helpers/numbers.ts';

describe('formulas', () => {
  it("multiply matrices, transpose with ' and collapse a 1×1 result to a number", () => {
    const s = sheet('A = [1, 2; 3, 4]', 'v = [1; 1]', 'p = A * v', "q = v' * A * v", "t = A'");
    expect(s.value('p')).to.deep.equal([[3], [7]]);
    expect(s.value('q')).to.equal(10);
    expect(s.value('t')).to.deep.equal([
      [1, 3],
      [2, 4],
    ]);
  });

  it('write a row with commas and a column with semicolons', () => {
    const s = sheet('r = [1, 2, 3]', 'c = [1; 2; 3]', 'one = [5]');
    expect(s.value('r')).to.deep.equal([[1, 2, 3]]);
    expect(s.value('c')).to.deep.equal([[1], [2], [3]]);
    expect(s.value('one')).to.equal(5);
  });

  it('apply element-wise operators and broadcast a row or a column', () => {
    const s = sheet('A = [1, 2; 3, 4]', 'b = [10, 20]', 'c = [1; 2]', 'sum1 = A + b', 'prod = A .* c', 'sq = A .^ 2', 'half = A / 2', 'q = A ./ A');
    expect(s.value('sum1')).to.deep.equal([
      [11, 22],
      [13, 24],
    ]);
    expect(s.value('prod')).to.deep.equal([
      [1, 2],
      [6, 8],
    ]);
    expect(s.value('sq')).to.deep.equal([
      [1, 4],
      [9, 16],
    ]);
    expect(s.value('half')).to.deep.equal([
      [0.5, 1],
      [1.5, 2],
    ]);
    expect(s.value('q')).to.deep.equal([
      [1, 1],
      [1, 1],
    ]);
  });

  it("compute the lecture's activations and their derivatives", () => {
    const s = sheet(
      'z = [-2; 0; 3]',
      'a = sigmoid(z)',
      'da = dsigmoid(z)',
      'r = relu(z)',
      'st = step(z)',
      'th = tanh(z)',
      'sp = softplus(z)',
      'd2 = d2sigmoid(0)',
      'd2sp = d2softplus(0)',
    );
    expectValue(s.value('a'), [[1 / (1 + Math.exp(2))], [0.5], [1 / (1 + Math.exp(-3))]]);
    expectValue(s.value('da'), [[0.104994], [0.25], [0.0451767]]);
    expect(s.value('r')).to.deep.equal([[0], [0], [3]]);
    expect(s.value('st')).to.deep.equal([[0], [1], [1]]);
    expectValue(s.value('th'), [[Math.tanh(-2)], [0], [Math.tanh(3)]]);
    expectValue(s.value('sp'), [[Math.log1p(Math.exp(-2))], [Math.LN2], [Math.log1p(Math.exp(3))]]);
    expect(s.value('d2')).to.equal(0);
    expect(s.value('d2sp')).to.equal(0.25);
  });

  it('reduce with sum, mean, max, norm and dot, by dimension too', () => {
    const s = sheet(
      'A = [1, 2; 3, 4]',
      's = sum(A)',
      'cs = sum(A, 1)',
      'rs = sum(A, 2)',
      'm = mean(A)',
      'mx = max(A)',
      'n = norm([3; 4])',
      'd = dot([1; 2], [3; 4])',
    );
    expect([s.value('s'), s.value('m'), s.value('mx'), s.value('n'), s.value('d')]).to.deep.equal([10, 2.5, 4, 5, 11]);
    expect(s.value('cs')).to.deep.equal([[4, 6]]);
    expect(s.value('rs')).to.deep.equal([[3], [7]]);
  });

  it("compute the lecture's losses", () => {
    const s = sheet('h = [0.8; 0.3]', 'y = [1; 0]', 'l2 = mse(h, y)', 'ce = cross_entropy(h, y)', 'b = bce(h, y)');
    expectValue(s.value('l2'), 0.5 * (0.04 + 0.09));
    expectValue(s.value('ce'), -Math.log(0.8));
    expectValue(s.value('b'), -(Math.log(0.8) + Math.log(0.7)));
  });

  it('index entries, rows, columns and ranges, 1-based as on the slides', () => {
    const s = sheet('A = [1, 2, 3; 4, 5, 6]', 'a = A[2, 3]', 'row = A[1, :]', 'col = A[:, 2]', 'part = A[1:2, 2:end]', 'v = [7; 8; 9]', 'v2 = v[2]');
    expect(s.value('a')).to.equal(6);
    expect(s.value('row')).to.deep.equal([[1, 2, 3]]);
    expect(s.value('col')).to.deep.equal([[2], [5]]);
    expect(s.value('part')).to.deep.equal([
      [2, 3],
      [5, 6],
    ]);
    expect(s.value('v2')).to.equal(8);
  });

  it('build matrices from blocks, e.g. a bias entry appended to h', () => {
    const s = sheet('h = [0.5; 0.25]', 'hb = [h; 1]', 'wide = [h, h]');
    expect(s.value('hb')).to.deep.equal([[0.5], [0.25], [1]]);
    expect(s.value('wide')).to.deep.equal([
      [0.5, 0.5],
      [0.25, 0.25],
    ]);
  });

  it('create matrices, ranges and seeded random numbers reproducibly', () => {
    const s = sheet(
      'z = zeros(2, 3)',
      'o = ones(2)',
      'i = eye(2)',
      'r = 1:3',
      'l = linspace(0, 1, 3)',
      'a = randn(2, 2, 7)',
      'b = randn(2, 2, 7)',
      'c = rand(1, 3, 1)',
    );
    expect(s.value('z')).to.deep.equal([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(s.value('o')).to.deep.equal([[1], [1]]);
    expect(s.value('i')).to.deep.equal([
      [1, 0],
      [0, 1],
    ]);
    expect(s.value('r')).to.deep.equal([[1], [2], [3]]);
    expect(s.value('l')).to.deep.equal([[0], [0.5], [1]]);
    expect(s.value('a')).to.deep.equal(s.value('b'));
    (s.value('c') as number[][])[0].forEach((v) => expect(v).to.be.within(0, 1));
  });

  it('use comparisons, logic and conditionals as 0/1 values', () => {
    const s = sheet('x = [-1; 2]', 'pos = x > 0', 'both = (x > 0) and (x < 5)', 'pick = 3 > 2 ? 10 : 20');
    expect(s.value('pos')).to.deep.equal([[0], [1]]);
    expect(s.value('both')).to.deep.equal([[0], [1]]);
    expect(s.value('pick')).to.equal(10);
  });

  it("accept the lecture's names: E, gamma, Θ1, y_hat", () => {
    const s = sheet('Θ1 = [1, 2]', 'gamma = 0.5', 'y_hat = 0.25', 'E = gamma * sum(Θ1) + y_hat');
    expect(s.value('E')).to.equal(1.75);
  });

  it('use pi and e as constants, and implicit multiplication as written', () => {
    const s = sheet('m = 3', 'a = 5 m', 'b = 2pi', 'c = e');
    expect(s.value('a')).to.equal(15);
    expect(s.value('b')).to.equal(2 * Math.PI);
    expect(s.value('c')).to.equal(Math.E);
  });
});

describe('formula errors', () => {
  it('name both operands and their shapes on a shape mismatch', () => {
    const s = sheet('Theta1 = [1, 2, 3; 4, 5, 6]', 'Theta2 = [1; 2; 3]', "bad = Theta1' * Theta2");
    const e = s.error('bad');
    expect(e.code).to.equal('E_SHAPE');
    expect(e.message).to.contain("Theta1' is 3×2").and.to.contain('Theta2 is 3×1');
  });

  it('name both operands on an element-wise mismatch', () => {
    const e = sheet('a = [1; 2]', 'b = [1; 2; 3]', 'c = a + b').error('c');
    expect(e.code).to.equal('E_SHAPE');
    expect(e.message).to.contain('a is 2×1').and.to.contain('b is 3×1');
  });

  it('suggest .^ when ^ is used on a matrix', () => {
    const e = sheet('v = [1; 2]', 'w = v^2').error('w');
    expect(e.code).to.equal('E_SHAPE');
    expect(e.message).to.contain('.^');
  });

  it('report an unknown function with a suggestion', () => {
    const e = sheet('x = 1', 'y = sigmod(x)').error('y');
    expect(e.code).to.equal('E_FUNCTION_UNKNOWN');
    expect(e.message).to.contain('sigmoid');
  });

  it('report the wrong number of arguments', () => {
    const e = sheet('x = 1', 'y = sigmoid(x, x)').error('y');
    expect(e.code).to.equal('E_ARITY');
  });

  it('report a syntax error with its column', () => {
    const e = sheet('x = 1', 'y = x +* 2').error('y');
    expect(e.code).to.equal('E_SYNTAX');
    expect(e.loc).to.deep.equal({ line: 3, col: 8 });
  });

  it('report an index out of range', () => {
    const e = sheet('A = [1, 2; 3, 4]', 'a = A[3, 1]').error('a');
    expect(e.code).to.equal('E_INDEX');
    expect(e.message).to.contain('2 rows');
  });

  it('report a division by zero as a non-finite value with its position', () => {
    const e = sheet('a = [1; 0]', 'b = 1 ./ a').error('b');
    expect(e.code).to.equal('E_NONFINITE');
    expect(e.message).to.contain('[2,1]');
  });

  it('report a square root of a negative number rather than a complex value', () => {
    expect(sheet('r = sqrt(-4)').error('r').code).to.equal('E_NONFINITE');
  });
});

describe('locating a name in a formula', () => {
  it('finds a name as a whole word, Greek names too: Θ1 is not the end of xΘ1, x not the start of x2', async () => {
    const { columnOf } = await import('../../src/formula/parse.ts');
    expect(columnOf('xΘ1 + Θ1', 'Θ1')).to.equal(7);
    expect(columnOf('x2 + x', 'x')).to.equal(6);
    expect(columnOf('a.b + b', 'b')).to.equal(7);
    expect(columnOf('1 + 2', 'zz'), 'not there: the start').to.equal(1);
  });
});

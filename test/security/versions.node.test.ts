// The versions GUIDE §4 requires, pinned exactly in package.json and installed as pinned:
// mathjs >= 15.2.0 (two code-execution CVEs below it), KaTeX >= 0.16.21, vega >= 6.2.0.
import { expect } from 'chai';
import { readFile } from 'node:fs/promises';

const json = async (path: string) => JSON.parse(await readFile(new URL(`../../${path}`, import.meta.url), 'utf8'));
const parts = (v: string) => v.split('.').map(Number);
const atLeast = (v: string, min: string) => {
  const [a, b] = [parts(v), parts(min)];
  for (let k = 0; k < 3; k++) if (a[k] !== b[k]) return a[k] > b[k];
  return true;
};

describe('security-relevant dependencies', () => {
  for (const [name, min] of [
    ['mathjs', '15.2.0'],
    ['katex', '0.16.21'],
    ['vega', '6.2.0'],
    ['markdown-it', '14.0.0'],
    ['lit', '3.0.0'],
  ]) {
    it(`pins ${name} exactly, at ${min} or later, and has it installed as pinned`, async () => {
      // A library the built bundle holds is a devDependency (the package ships it bundled).
      const pkg = await json('package.json');
      const pin: string = pkg.dependencies?.[name] ?? pkg.devDependencies?.[name];
      expect(pin, `${name} is pinned to one version`).to.match(/^\d+\.\d+\.\d+$/);
      expect(atLeast(pin, min), `${name} ${pin} >= ${min}`).to.equal(true);
      expect((await json(`node_modules/${name}/package.json`)).version).to.equal(pin);
    });
  }
});

// `gradsheet new DIR`: a course folder to start from: one example workbook that checks clean
// and a short README for the instructor. Nothing in it needs editing before `gradsheet serve`.
// An existing folder is used only when it is empty: nothing anyone wrote is overwritten.

import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { messages } from '../messages.ts';

export const EXAMPLE_FILE = '01-one-neuron.md';

const example = String.raw`---
title: One neuron
summary: A weighted sum, a sigmoid, its squared error, and the gradient of that error.
---

# One neuron

The weighted input is $s = \mathbf{w}^\top \mathbf{x} + b$, the output $h = \sigma(s)$, and the
error against the target $y$ is $E = \frac{1}{2}(y - h)^2$. Type into any entry: everything
below it recomputes.

${'```'}cells
x = [1.0; -0.5]
  label: \mathbf{x}
  caption: the input
w = [0.5; -1]
  label: \mathbf{w}
  caption: the weights
b = 0.25
  caption: the bias
y = 1
  caption: the target
${'```'}

${'```'}cells
s = w' * x + b
  caption: the weighted input
  slide: 1.25
h = sigmoid(s)
  caption: the neuron's output
E = 0.5 * (y - h)^2
  caption: the squared error
${'```'}

The chain rule by hand, $\frac{\partial E}{\partial \mathbf{w}} = (h - y)\,\sigma'(s)\,\mathbf{x}$,
checked against automatic differentiation:

${'```'}cells
dE_dw = (h - y) * h * (1 - h) * x
  caption: by hand
  check: grad(E, w)
${'```'}
`;

const readme = (name: string) => `# ${name}

A course of live workbooks made with gradsheet. Each \`.md\` file here is one workbook:
prose in Markdown, and \`\`\`cells blocks whose cells compute like a spreadsheet's.

    npx gradsheet serve ${name}              # the course on http://localhost:8000, live reload
    npx gradsheet check ${name}              # every cell computed, every slide value compared
    npx gradsheet build ${name} --out site   # a static site for any web host
    npx gradsheet build ${name} --single-file ${name}.html   # one file, opens from disk

- Order: the gallery lists the workbooks by file name (01-…, 02-…), or in the order of an
  optional \`index.json\` here: a JSON array of file names, e.g. \`["02-b.md", "01-a.md"]\`.
- Titles and summaries come from each file's front matter (\`title:\`, \`summary:\`).
- The workbook format is described in gradsheet's docs/authoring.md.
`;

/** Writes the course; returns the files written, or throws if DIR has files in it already. */
export async function newCourse(dir: string): Promise<string[]> {
  const existing = await readdir(dir).catch(() => null);
  if (existing && existing.length) throw new Error(messages.cliNotEmpty(dir));
  await mkdir(dir, { recursive: true });
  const name = path.basename(path.resolve(dir));
  const files: [string, string][] = [
    [EXAMPLE_FILE, example],
    ['README.md', readme(name)],
  ];
  for (const [file, text] of files) await writeFile(path.join(dir, file), text);
  return files.map(([f]) => path.join(dir, f));
}

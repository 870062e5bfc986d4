// Property (3): for any Markdown or TeX string, the rendered output contains no script, no on*
// attribute, no javascript: (or data:, vbscript:) URL, no remote image, and only the elements
// and attributes our renderers make (test/security/html-checks.ts, parsed with DOMParser).
// Each rendering is also put into the live page, so the network invariant sees any request.
// Fixed seeds; FC_RUNS raises the number of runs (test/property/runs.ts).
import { expect } from 'chai';
import fc from 'fast-check';
import { inlineMarkdownToHTML, markdownToHTML } from '../../components/markdown.ts';
import { texToHTML } from '../../components/tex.ts';
import { htmlProblems } from '../security/html-checks.ts';
import { guardGlobalState } from '../security/invariants.ts';
import { fcRuns } from './runs.ts';

guardGlobalState();

const runs = await fcRuns(300);
/** Generous: a long run (FC_RUNS) takes as long as it takes. */
const timeout = Math.max(20_000, runs * 25);

const markdownPieces = [
  '[',
  ']',
  '(',
  ')',
  '![',
  '](',
  '<',
  '>',
  '"',
  "'",
  '`',
  '```',
  '\n',
  '\n\n',
  ' ',
  '  ',
  '\t',
  '*',
  '_',
  '#',
  '- ',
  '> ',
  '\\',
  'javascript:',
  'JaVaScRiPt:',
  'java\tscript:',
  'java&#x09;script:',
  '&#106;avascript:',
  'vbscript:',
  'data:text/html,',
  'data:image/svg+xml,',
  'file:///',
  'https://example.com/',
  '//example.com/',
  'http:example.com',
  'mailto:a@b.c',
  'alert(1)',
  '%0a',
  '&#58;',
  '&colon;',
  '<script>',
  '</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<a href="javascript:alert(1)">',
  '<iframe src=//example.com>',
  '<style>*{}</style>',
  'onerror=',
  'onclick="x"',
  '[r]: ',
  '[r]',
  '[^1]',
  '{#id}',
  '$',
  '$$',
  '\\href{',
  '\\url{',
  '}',
  '{',
];
const texPieces = [
  '\\href{',
  '\\url{',
  '\\htmlClass{',
  '\\htmlStyle{',
  '\\htmlId{',
  '\\htmlData{',
  '\\includegraphics{',
  '\\includegraphics[width=1em]{',
  '\\gdef',
  '\\def',
  '\\global',
  '\\let',
  '\\newcommand',
  '\\renewcommand',
  '\\edef',
  '\\a',
  '\\b',
  '#1',
  '\\rule{',
  '\\kern{',
  '\\hspace{',
  '\\raisebox{',
  '\\color{',
  '\\textcolor{',
  '\\colorbox{',
  '\\fcolorbox{',
  '\\text{',
  '\\verb|',
  '|',
  '\\char',
  '\\operatorname{',
  '\\mathbf{',
  '\\frac{',
  '\\sqrt{',
  '\\left(',
  '\\right)',
  '\\begin{array}{c}',
  '\\end{array}',
  '\\tag{',
  '\\\\',
  '&',
  '^',
  '_',
  '{',
  '}',
  '[',
  ']',
  'x',
  '1',
  '1000em',
  '-5em',
  ' ',
  'javascript:alert(1)',
  'https://example.com/a.png',
  'data:text/html,<script>1</script>',
  '"',
  "'",
  '<',
  '>',
  '<script>',
  'onload=',
  'red',
  'url(x)',
];

const fromPieces = (pieces: string[]) =>
  fc
    .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...pieces) }, { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'binary' }) }), {
      maxLength: 40,
    })
    .map((parts) => parts.join(''));

const markdownText = fc.oneof(
  fromPieces(markdownPieces),
  fromPieces([...markdownPieces, ...texPieces]).map((t) => `$${t}$ and $$${t}$$`),
  fc.string({ unit: 'binary', maxLength: 200 }),
);
const texText = fc.oneof(fromPieces(texPieces), fc.string({ unit: 'binary', maxLength: 100 }));

/** Puts the HTML into the page for a moment: any image or link prefetch would hit the network. */
function mountBriefly(html: string): void {
  const div = document.createElement('div');
  div.innerHTML = html;
  document.body.append(div);
  div.remove();
}

function expectSafe(html: string, input: string): void {
  const problems = htmlProblems(html);
  if (problems.length) expect.fail(`${JSON.stringify(input)} rendered as ${html.slice(0, 500)}: ${problems.join(', ')}`);
  mountBriefly(html);
}

describe('property: rendered Markdown and TeX are inert', () => {
  it('the check finds what it is looking for (so a pass means something)', function () {
    this.timeout(timeout);
    for (const bad of [
      '<a href="javascript:alert(1)">x</a>',
      '<a href=" java\tscript:alert(1)">x</a>',
      '<img src="https://example.com/x.png">',
      '<img src="data:image/png,x">',
      '<p onclick="x">x</p>',
      '<script>1</script>',
      '<span style="position:fixed">x</span>',
      '<iframe></iframe>',
      '<mi href="javascript:1">x</mi>',
      '<a href="vbscript:1">x</a>',
      '<span data-x="1">x</span>',
    ]) {
      expect(htmlProblems(bad), bad).to.not.be.empty;
    }
    expect(htmlProblems('<p><a href="https://example.com">x</a> <img src="a.png" alt=""></p>')).to.deep.equal([]);
  });

  it('Markdown (prose) renders inert, whatever it says', function () {
    this.timeout(timeout);
    fc.assert(
      fc.property(markdownText, (text) => expectSafe(markdownToHTML(text), text)),
      { seed: 20241107, numRuns: runs },
    );
  });

  it('inline Markdown (captions) renders inert, whatever it says', function () {
    this.timeout(timeout);
    fc.assert(
      fc.property(markdownText, (text) => expectSafe(inlineMarkdownToHTML(text), text)),
      { seed: 1193, numRuns: runs },
    );
  });

  it('TeX (labels and math) renders inert, inline and displayed, whatever it says', function () {
    this.timeout(timeout);
    fc.assert(
      fc.property(texText, fc.boolean(), (tex, display) => expectSafe(texToHTML(tex, display), tex)),
      { seed: 4242, numRuns: runs },
    );
  });
});

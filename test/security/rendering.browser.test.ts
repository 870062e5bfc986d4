// Rendering: prose, captions and TeX written by an author cannot run script, navigate, load
// remote resources or restyle the host page (components/markdown.ts, components/tex.ts). One
// test per hostile input, kept forever; each also passes the general check of html-checks.ts.
import { expect } from 'chai';
import { inlineMarkdownToHTML, markdownToHTML } from '../../components/markdown.ts';
import { texToHTML } from '../../components/tex.ts';
import { htmlProblems } from './html-checks.ts';
import { guardGlobalState } from './invariants.ts';

guardGlobalState();

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
const links = (html: string) => [...parse(html).querySelectorAll('[href]')].map((a) => a.getAttribute('href'));
const images = (html: string) => [...parse(html).querySelectorAll('img')].map((i) => i.getAttribute('src'));

describe('Markdown written by an author', () => {
  for (const text of [
    '[x](javascript:alert(1))',
    '[x](JAVASCRIPT:alert(1))',
    '[x](  javascript:alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x](java&#x09;script:alert(1))',
    '[x](<javascript:alert(1)>)',
    '[x]( java\nscript:alert(1))',
    '[x](vbscript:msgbox(1))',
    '[x](data:text/html,<script>alert(1)</script>)',
    '[x](file:///etc/passwd)',
    '<javascript:alert(1)>',
    '[x][r]\n\n[r]: javascript:alert(1)',
    '[x]\n\n[x]: data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  ]) {
    it(`makes no dangerous link of ${JSON.stringify(text)}`, () => {
      const html = markdownToHTML(text);
      expect(htmlProblems(html)).to.deep.equal([]);
      for (const href of links(html)) expect(new URL(href!, location.href).protocol).to.be.oneOf(['http:', 'https:']);
    });
  }

  for (const text of [
    '<script>window.pwned = 1</script>',
    '<img src=x onerror="window.pwned = 1">',
    '<svg onload="window.pwned=1">',
    '<iframe src="https://example.com"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    '<style>body { display: none }</style>',
    '<link rel="stylesheet" href="https://example.com/x.css">',
    '<meta http-equiv="refresh" content="0;url=https://example.com">',
    '<form action="https://example.com"><button>go</button></form>',
    '<base href="https://example.com/">',
    '<div style="position:fixed;inset:0">cover</div>',
  ]) {
    it(`shows raw HTML as text: ${text}`, () => {
      const html = markdownToHTML(text);
      expect(htmlProblems(html)).to.deep.equal([]);
      const body = parse(html).body;
      expect(body.querySelectorAll('script, img, svg, iframe, style, link, meta, form, base, div').length).to.equal(0);
      expect(body.textContent).to.contain(text.slice(0, 8));
    });
  }

  for (const text of [
    '![x](https://example.com/a.png)',
    '![x](//example.com/a.png)',
    '![x](data:image/png;base64,AAAA)',
    '![x](\\\\example.com/a.png)',
    '![x](/\\example.com/a.png)',
    '![x](http:example.com/a.png)',
    '![x][i]\n\n[i]: https://example.com/a.png',
    '<https://example.com/a.png>',
  ]) {
    it(`loads no image from elsewhere: ${JSON.stringify(text)}`, () => {
      const html = markdownToHTML(text);
      expect(htmlProblems(html)).to.deep.equal([]);
      for (const src of images(html)) expect(new URL(src!, location.href).origin).to.equal(location.origin);
    });
  }

  it('keeps a relative image, and a link to the web that opens apart from the page', () => {
    const html = markdownToHTML('![σ](images/sigmoid.png) [the notes](https://example.com/notes)');
    expect(images(html)).to.deep.equal(['images/sigmoid.png']);
    const a = parse(html).querySelector('a')!;
    expect([a.getAttribute('href'), a.getAttribute('rel'), a.getAttribute('target')]).to.deep.equal([
      'https://example.com/notes',
      'noopener noreferrer',
      '_blank',
    ]);
  });

  it('escapes a title that tries to close its attribute', () => {
    const html = markdownToHTML('[x](https://example.com "t\\" onclick=\\"alert(1)") ![y](a.png "t\\" onerror=\\"alert(1)")');
    expect(htmlProblems(html)).to.deep.equal([]);
  });

  it('makes no id a host page could collide with', () => {
    expect(parse(markdownToHTML('# Title\n\n## Section {#main}\n\n[^1]')).querySelectorAll('[id]').length).to.equal(0);
  });

  it('renders captions (inline Markdown) under the same rules', () => {
    for (const text of ['[x](javascript:alert(1))', '<img src=x onerror=alert(1)>', '![x](https://example.com/a.png)', '$\\href{javascript:alert(1)}{x}$']) {
      expect(htmlProblems(inlineMarkdownToHTML(text)), text).to.deep.equal([]);
    }
  });
});

describe('TeX written by an author (KaTeX)', () => {
  for (const tex of [
    '\\href{javascript:alert(1)}{x}',
    '\\href{JavaScript:alert(1)}{x}',
    '\\href{data:text/html,<script>1</script>}{x}',
    '\\url{javascript:alert(1)}',
    '\\href{ javascript:alert(1)}{x}',
    '\\href{java\tscript:alert(1)}{x}',
    '\\href{//example.com}{x}',
    '\\href{file:///etc/passwd}{x}',
  ]) {
    it(`makes no dangerous link of ${tex}`, () => {
      const html = texToHTML(tex);
      expect(htmlProblems(html)).to.deep.equal([]);
      for (const href of links(html)) expect(new URL(href!, location.href).protocol).to.be.oneOf(['http:', 'https:']);
    });
  }

  it('allows \\href and \\url to http(s) only', () => {
    expect(links(texToHTML('\\href{https://example.com}{x}'))).to.deep.equal(['https://example.com']);
    expect(links(texToHTML('\\href{ftp://example.com}{x}'))).to.deep.equal([]);
  });

  for (const tex of [
    '\\htmlClass{gs-problems}{x}',
    '\\htmlStyle{position:fixed;inset:0;background:red}{x}',
    '\\htmlId{main}{x}',
    '\\htmlData{foo=bar}{x}',
    '\\includegraphics{https://example.com/x.png}',
    '\\includegraphics[height=1em]{x.png}',
  ]) {
    it(`refuses the trusted command ${tex.split('{')[0]}`, () => {
      const doc = parse(texToHTML(tex));
      expect(htmlProblems(texToHTML(tex))).to.deep.equal([]);
      expect(doc.querySelectorAll('[id], [data-foo], img, .gs-problems').length).to.equal(0);
      expect(doc.querySelector('[style*="fixed"]')).to.equal(null);
    });
  }

  it('keeps a \\gdef in one formula from changing another', () => {
    texToHTML('\\gdef\\Theta{\\text{hacked}} \\Theta');
    texToHTML('\\global\\def\\sigma{\\text{hacked}}');
    expect(parse(texToHTML('\\Theta + \\sigma')).body.textContent).to.not.contain('hacked');
    expect(parse(texToHTML('\\Theta')).body.textContent).to.contain('Θ');
  });

  it('caps a huge \\rule and \\kern at 10em', () => {
    const mspace = parse(texToHTML('\\rule{1000em}{1000em}\\kern{5000em}')).querySelectorAll('mspace');
    expect(mspace.length).to.be.greaterThan(0);
    for (const m of mspace) for (const a of ['width', 'height']) expect(parseFloat(m.getAttribute(a) ?? '0')).to.be.at.most(10);
  });

  it('stops runaway macro expansion with an error, not a frozen tab', () => {
    const html = texToHTML('\\def\\a{\\a\\a}\\a', true);
    expect(parse(html).querySelector('.katex-error')).to.not.equal(null);
    expect(htmlProblems(html)).to.deep.equal([]);
  });

  it('turns TeX nested far too deep into an error or text, not an exception', () => {
    const html = texToHTML('{'.repeat(20000) + 'x' + '}'.repeat(20000));
    expect(htmlProblems(html)).to.deep.equal([]);
  });

  it('escapes TeX that tries to close its tags', () => {
    for (const tex of [
      '</annotation><img src=x onerror=alert(1)>',
      '\\text{<script>alert(1)</script>}',
      '\\color{red" onmouseover="alert(1)}{x}',
      '\\textcolor{url(https://example.com/x)}{x}',
    ]) {
      expect(htmlProblems(texToHTML(tex)), tex).to.deep.equal([]);
    }
  });
});

// What rendered HTML may contain (browser only): parsed with DOMParser, never inserted, so a
// check cannot itself run anything. Used by the hostile-rendering tests and the property test.

/** Tags our renderers produce: markdown-it (html off) and KaTeX's MathML. */
const allowedTags = new Set([
  'html',
  'head',
  'body',
  // markdown-it, CommonMark without raw HTML
  'p',
  'a',
  'img',
  'em',
  'strong',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'hr',
  'br',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  // KaTeX, MathML output (and its error span)
  'span',
  'math',
  'semantics',
  'annotation',
  'mrow',
  'mi',
  'mn',
  'mo',
  'ms',
  'mtext',
  'mspace',
  'msup',
  'msub',
  'msubsup',
  'mfrac',
  'msqrt',
  'mroot',
  'mstyle',
  'mpadded',
  'mphantom',
  'mover',
  'munder',
  'munderover',
  'mtable',
  'mtr',
  'mtd',
  'menclose',
  'mglyph',
  'mlabeledtr',
  'merror',
  'maction',
  'mmultiscripts',
  'mprescripts',
  'none',
]);

/** Attributes they produce; anything else (on*, style with a url, srcdoc, formaction…) is a finding. */
const allowedAttributes = new Set([
  'href',
  'src',
  'alt',
  'title',
  'class',
  'rel',
  'target',
  'start',
  'xmlns',
  'encoding',
  'display',
  'mathvariant',
  'mathcolor',
  'mathbackground',
  'mathsize',
  'stretchy',
  'fence',
  'separator',
  'lspace',
  'rspace',
  'width',
  'height',
  'depth',
  'voffset',
  'minsize',
  'maxsize',
  'accent',
  'accentunder',
  'linethickness',
  'columnalign',
  'rowalign',
  'columnspacing',
  'rowspacing',
  'columnlines',
  'rowlines',
  'frame',
  'framespacing',
  'notation',
  'scriptlevel',
  'displaystyle',
  'movablelimits',
  'symmetric',
  'largeop',
  'form',
  'actiontype',
  'selection',
  'side',
  'edge',
  'style',
  'linebreak',
  'lquote',
  'rquote',
  'aria-hidden',
]);

/**
 * The inline styles KaTeX writes without trust: the colour of an error, an \fcolorbox border
 * (KaTeX accepts only #hex or a colour name there) and \pmb's shadow. Nothing that can
 * position, load or hide anything.
 */
const allowedStyle = /^(color:\s*var\(--gs-error, #b00020\);?|border: -?[\d.]+em solid (#[0-9a-f]{3,8}|[a-z]+)|text-shadow: 0\.02em 0\.01em 0\.04px)$/i;

/** Every problem found in the HTML: an element, attribute or URL that could run code or fetch. */
export function htmlProblems(html: string, base = location.href): string[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const problems: string[] = [];
  for (const el of doc.querySelectorAll('*')) {
    const tag = el.localName;
    if (!allowedTags.has(tag)) problems.push(`element <${tag}>`);
    for (const { name, value } of el.attributes) {
      if (/^on/i.test(name) || !allowedAttributes.has(name.toLowerCase())) problems.push(`${tag}[${name}]`);
      // A URL the browser would act on, as it reads it (it drops tabs, newlines and spaces).
      const url = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
      if (['href', 'src'].includes(name) && /^(javascript|vbscript|data|file):/.test(url)) problems.push(`${tag}[${name}="${value}"]`);
      if (name === 'style' && !allowedStyle.test(value)) problems.push(`${tag}[style="${value}"]`);
      if (name === 'href' && !isSafeHref(value, base)) problems.push(`${tag}[href="${value}"]`);
      if (name === 'src' && !isLocalSrc(value, base)) problems.push(`${tag}[src="${value}"]`);
    }
  }
  return problems;
}

/** A link may go to http(s), mailto, or somewhere on this site. */
function isSafeHref(value: string, base: string): boolean {
  try {
    return ['http:', 'https:', 'mailto:'].includes(new URL(value, base).protocol);
  } catch {
    return false;
  }
}

/** A resource may only load from this site (the origin of the page). */
function isLocalSrc(value: string, base: string): boolean {
  try {
    const url = new URL(value, base);
    return url.origin === new URL(base).origin;
  } catch {
    return false;
  }
}

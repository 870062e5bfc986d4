// The pages of a PDF and the text drawn on each, read without a PDF library (none is installed
// here, nor pdftotext): enough of the format for what Chromium's printer (Skia) writes. Objects
// `N 0 obj … endobj`, Flate streams inflated, each page's fonts decoded through their ToUnicode
// maps, and the strings of its Tj and TJ operators joined, in the order they are drawn.
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const found = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\b/g;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const at = body.indexOf('stream');
    if (at < 0 || !/^stream\r?\n/.test(body.slice(at))) {
      found.set(Number(m[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, at);
    const dataStart = start + at + (body.slice(at).startsWith('stream\r\n') ? 8 : 7);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    let data = pdf.subarray(dataStart, dataStart + length);
    if (/\/FlateDecode/.test(dict)) data = inflateSync(data);
    found.set(Number(m[1]), { dict, stream: data });
    header.lastIndex = dataStart + length;
  }
  return found;
}

/** A ToUnicode CMap: each code (as hex) to its text. */
function cmap(text: string): Map<string, string> {
  const map = new Map<string, string>();
  const unicode = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, to] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(code.toLowerCase(), unicode(to));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, from, to, dest] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const a = parseInt(from, 16),
        b = parseInt(to, 16);
      // The destination is UTF-16BE (a surrogate pair for letters beyond U+FFFF): the range counts up its last unit.
      const units = (dest.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16));
      for (let c = a; c <= b; c++) {
        const shifted = [...units.slice(0, -1), units[units.length - 1] + c - a];
        map.set(c.toString(16).padStart(from.length, '0'), String.fromCharCode(...shifted));
      }
    }
  }
  return map;
}

const ref = (dict: string, key: string) => Number(new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict)?.[1]);

/** Each page's text, in page order. */
export function pdfPages(pdf: Buffer): string[] {
  const all = objects(pdf);
  const get = (n: number) => all.get(n);
  const pages: string[] = [];
  const visit = (n: number) => {
    const node = get(n);
    if (!node) return;
    if (/\/Type\s*\/Pages\b/.test(node.dict)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node.dict)?.[1] ?? '';
      for (const [, k] of kids.matchAll(/(\d+) 0 R/g)) visit(Number(k));
    } else if (/\/Type\s*\/Page\b/.test(node.dict)) {
      pages.push(pageText(node.dict, get));
    }
  };
  const catalog = [...all.values()].find((o) => /\/Type\s*\/Catalog\b/.test(o.dict));
  visit(ref(catalog!.dict, 'Pages'));
  return pages;
}

function pageText(page: string, get: (n: number) => PdfObject | undefined): string {
  let resources = /\/Resources\s*(<<[\s\S]*>>)/.exec(page)?.[1] ?? '';
  if (!resources) resources = get(ref(page, 'Resources'))?.dict ?? '';
  let fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1];
  if (fontDict === undefined) fontDict = get(ref(resources, 'Font'))?.dict ?? '';
  const fonts = new Map<string, Map<string, string>>();
  for (const [, name, n] of fontDict.matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)) {
    const font = get(Number(n));
    const toUnicode = font && get(ref(font.dict, 'ToUnicode'))?.stream;
    fonts.set(name, toUnicode ? cmap(toUnicode.toString('latin1')) : new Map());
  }
  const contents = /\/Contents\s*\[([^\]]*)\]/.exec(page)?.[1] ?? /\/Contents\s+(\d+ 0 R)/.exec(page)?.[1] ?? '';
  const streams = [...contents.matchAll(/(\d+) 0 R/g)].map(([, n]) => get(Number(n))?.stream?.toString('latin1') ?? '');
  let font = new Map<string, string>();
  let out = '';
  const decode = (hex: string) => {
    const width = [...font.keys()][0]?.length ?? 4;
    return (hex.match(new RegExp(`.{${width}}`, 'g')) ?? []).map((c) => font.get(c.toLowerCase()) ?? '').join('');
  };
  for (const content of streams) {
    const ops = /\/([\w.+-]+)\s+[\d.]+\s+Tf|\[((?:[^\]\\]|\\.)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\bET\b/g;
    for (const m of content.matchAll(ops)) {
      if (m[1]) font = fonts.get(m[1]) ?? new Map();
      else if (m[2] !== undefined) out += [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map(([, h]) => decode(h)).join('');
      else if (m[3] !== undefined) out += decode(m[3]);
      else out += ' ';
    }
  }
  return out.replace(/\s+/g, ' ').trim();
}

// Finds sentences written into a component's Lit templates instead of taken from the message
// catalogue (src/messages.ts): the text between tags, and the values of the attributes a user
// reads or hears (aria-label, title, placeholder, alt, aria-description). A sentence is a run
// of two or more words of letters outside any ${…}. <style> blocks, <!-- comments -->, css`…`
// and every other attribute (class, part, role, …) are not read.

/** One tagged or untagged template literal of a source file: its static parts, where it starts. */
interface Template {
  tag: string;
  quasis: string[];
  line: number;
}

/** The attributes whose values are read to the user. */
const readAttributes = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-description']);

/** Two or more words of letters (any script) separated by white space. */
const sentence = /\p{L}+(?:\s+\p{L}+)+/u;

/** Words after which a "/" starts a regular expression rather than a division. */
const regexKeywords = new Set(['return', 'typeof', 'case', 'in', 'of', 'else', 'void', 'yield', 'await', 'delete', 'instanceof', 'new']);

/**
 * Every template literal of a TypeScript source, nested ones included (a template inside a
 * ${…} of another). Strings, comments and regular expressions are skipped, so a backtick or
 * brace inside them neither opens nor closes anything.
 */
export function templatesOf(src: string): Template[] {
  const out: Template[] = [];
  let i = 0;

  const lineAt = (at: number) => src.slice(0, at).split('\n').length;

  const skipString = (quote: string) => {
    for (i++; i < src.length && src[i] !== quote; i++) if (src[i] === '\\') i++;
    i++;
  };

  const skipRegex = () => {
    let inClass = false;
    for (i++; i < src.length; i++) {
      const c = src[i];
      if (c === '\\') i++;
      else if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) break;
      else if (c === '\n') break;
    }
    i++;
    while (i < src.length && /[a-z]/i.test(src[i])) i++;
  };

  const regexAllowed = (before: number) => {
    let k = before - 1;
    while (k >= 0 && /\s/.test(src[k])) k--;
    if (k < 0) return true;
    if (/[\w$]/.test(src[k])) {
      let s = k;
      while (s > 0 && /[\w$]/.test(src[s - 1])) s--;
      return regexKeywords.has(src.slice(s, k + 1));
    }
    return !/[)\]}'"`]/.test(src[k]);
  };

  const template = () => {
    const start = i;
    let s = start;
    while (s > 0 && /[\w$]/.test(src[s - 1])) s--;
    const tag = src.slice(s, start);
    const quasis: string[] = [];
    let cur = '';
    i++;
    while (i < src.length) {
      const c = src[i];
      if (c === '\\') {
        cur += src.slice(i, i + 2);
        i += 2;
      } else if (c === '`') {
        i++;
        break;
      } else if (c === '$' && src[i + 1] === '{') {
        quasis.push(cur);
        cur = '';
        i += 2;
        code(true);
      } else {
        cur += c;
        i++;
      }
    }
    quasis.push(cur);
    out.push({ tag, quasis, line: lineAt(start) });
  };

  /** Code up to the end of the file, or (inside ${…}) up to its closing brace. */
  const code = (inExpression: boolean) => {
    let depth = 0;
    while (i < src.length) {
      const c = src[i];
      if (c === '/' && src[i + 1] === '/') {
        const end = src.indexOf('\n', i);
        i = end < 0 ? src.length : end;
      } else if (c === '/' && src[i + 1] === '*') {
        const end = src.indexOf('*/', i + 2);
        i = end < 0 ? src.length : end + 2;
      } else if (c === '"' || c === "'") skipString(c);
      else if (c === '`') template();
      else if (c === '/' && regexAllowed(i)) skipRegex();
      else {
        if (c === '{') depth++;
        else if (c === '}') {
          if (depth === 0 && inExpression) {
            i++;
            return;
          }
          depth--;
        }
        i++;
      }
    }
  };

  code(false);
  return out;
}

/** A place in a template where an expression ${…} stood. */
const hole = '\u0000';

/**
 * The sentences written in place in one Lit template: text between tags, and the read
 * attributes' values, each static piece on its own (a ${…} splits a text in two).
 */
export function sentencesIn(quasis: readonly string[]): string[] {
  const html = quasis
    .join(hole)
    .replace(/<style[\s>][\s\S]*?<\/style\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '');
  const found: string[] = [];
  const check = (text: string, where: string) => {
    for (const piece of text.split(hole)) {
      const m = sentence.exec(piece);
      if (m) found.push(`${where} "${piece.trim()}"`);
    }
  };
  let i = 0;
  let text = '';
  while (i < html.length) {
    const c = html[i];
    if (c === '<' && /[A-Za-z/!]/.test(html[i + 1] ?? '')) {
      check(text, 'text');
      text = '';
      i = tag(i + 1);
    } else {
      text += c;
      i++;
    }
  }
  check(text, 'text');
  return found;

  /** Reads a tag's attributes from `at` (after "<"); returns the index after its ">". */
  function tag(at: number): number {
    let k = at;
    while (k < html.length && html[k] !== '>') {
      const name = /^[^\s=>"']+/.exec(html.slice(k))?.[0];
      if (!name) {
        k++;
        continue;
      }
      k += name.length;
      while (/\s/.test(html[k] ?? '')) k++;
      if (html[k] !== '=') continue;
      k++;
      while (/\s/.test(html[k] ?? '')) k++;
      let value: string;
      if (html[k] === '"' || html[k] === "'") {
        const end = html.indexOf(html[k], k + 1);
        value = html.slice(k + 1, end < 0 ? html.length : end);
        k = end < 0 ? html.length : end + 1;
      } else {
        value = /^[^\s>]*/.exec(html.slice(k))![0];
        k += value.length;
      }
      if (readAttributes.has(name.toLowerCase())) check(value, name);
    }
    return k + 1;
  }
}

/** Every sentence written in place in the html`…` and svg`…` templates of a source file. */
export function templateSentences(src: string): { line: number; sentence: string }[] {
  return templatesOf(src)
    .filter((t) => t.tag === 'html' || t.tag === 'svg')
    .flatMap((t) => sentencesIn(t.quasis).map((sentence) => ({ line: t.line, sentence })));
}

// A workbook whose text is in the page, for a single-file page and for pages that cannot fetch:
//
//   <gs-workbook id="intro">
//     <script type="text/x-gradsheet">…the workbook's markdown…</script>
//   </gs-workbook>
//   <gs-cell workbook="#intro" name="h1"></gs-cell>
//
// or `wb.text = "…"`. What is decided here (README "Embedding"): where a <gs-workbook> takes its
// text from, what `workbook="#id"` of a <gs-cell> names, and the address an inline workbook is
// known by — its session, its saved edits and its share links all go by that address.

import { messages } from '../src/messages.ts';

/** The type of a <script> that holds a workbook's text. */
export const inlineType = 'text/x-gradsheet';

/** Where a workbook's session comes from: its address, and its text when the page holds it (no fetch). */
export interface WorkbookSource {
  url: string;
  text?: string;
}

interface WorkbookLike extends Element {
  src?: string;
  text?: string;
}

function isInlineScript(el: Element | null | undefined): el is HTMLScriptElement {
  return !!el && el.localName === 'script' && (el.getAttribute('type') ?? '').trim().toLowerCase() === inlineType;
}

/** The workbook's inline <script>: a child of the <gs-workbook>. */
function scriptOf(wb: Element): HTMLScriptElement | undefined {
  return [...wb.children].find(isInlineScript);
}

/**
 * The workbook text of a <script>, as written in the page: without the line break after the
 * opening tag, and without the indentation every line shares (the page's, not the workbook's:
 * a ```cells fence indented four spaces would otherwise be a code block). A workbook that
 * holds "</script" is written "<\/script" in the page (the HTML parser would end the script
 * there): read back as "</script".
 */
export function scriptText(script: HTMLScriptElement): string {
  const lines = (script.textContent ?? '')
    .replace(/<\\\/(script)/gi, '</$1')
    .replace(/^[ \t]*\r?\n/, '')
    .split(/\r?\n/);
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines
    .map((l) => l.slice(Math.min(common, /^[ \t]*/.exec(l)![0].length)))
    .join('\n')
    .replace(/[ \t]+$/, '');
}

/**
 * The address of an inline workbook: the page's address without its query and fragment, then
 * /gs-inline/ and the workbook's name (`https://host/week1.html/gs-inline/intro`). A path, not a
 * fragment or a query, so that saved edits (keyed without the fragment) and share links (keyed
 * by the path) of two inline workbooks of one page never mix.
 */
export function inlineURL(name: string, page: string = document.baseURI): string {
  const url = new URL(page);
  url.search = '';
  url.hash = '';
  return `${url.href}/gs-inline/${encodeURIComponent(name)}`;
}

/**
 * Where a <gs-workbook> reads its workbook: the text is its `text` property, else its child
 * <script type="text/x-gradsheet">; the address is its `src` when set (the text then stands for
 * that file: no fetch), else the inline address named by the element's id, else its script's
 * id, else its position among the page's <gs-workbook>s ("1" for the first). Undefined when it
 * has neither text nor src.
 */
export function workbookSource(wb: WorkbookLike): WorkbookSource | undefined {
  const script = scriptOf(wb);
  const text = wb.text ?? (script ? scriptText(script) : undefined);
  const src = wb.src ?? wb.getAttribute('src') ?? '';
  if (src) return { url: new URL(src, document.baseURI).href, ...(text === undefined ? {} : { text }) };
  if (text === undefined) return undefined;
  const position = [...wb.ownerDocument.querySelectorAll('gs-workbook')].indexOf(wb as never) + 1;
  return { url: inlineURL(wb.id || script?.id || String(position)), text };
}

/**
 * What a <gs-cell workbook="…"> names: a URL relative to the page, or "#id": the id of a
 * <gs-workbook> (the cell shares that workbook, inline or not) or of a
 * <script type="text/x-gradsheet"> (inside a <gs-workbook>: that workbook; elsewhere on the page:
 * the workbook it holds, known by the script's id). An Error says what "#id" lacks.
 */
export function cellWorkbookSource(ref: string, root: Document | ShadowRoot = document): WorkbookSource | Error {
  if (!ref.startsWith('#')) return { url: new URL(ref, document.baseURI).href };
  const id = decodeURIComponent(ref.slice(1));
  const el = root.getElementById?.(id) ?? document.getElementById(id);
  const wb = el?.localName === 'gs-workbook' ? el : isInlineScript(el) ? el.closest('gs-workbook') : null;
  if (wb) return workbookSource(wb) ?? new Error(messages.embedInlineEmpty(id));
  if (isInlineScript(el)) return { url: inlineURL(id), text: scriptText(el) };
  return new Error(messages.embedNoInline(id));
}

/** Runs `fn` once the page has been parsed (an inline script after the element is then there too). */
export function whenParsed(fn: () => void): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn, { once: true });
  else fn();
}

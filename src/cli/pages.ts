// The HTML pages `gradsheet serve` and `gradsheet build` write: the gallery, a page per
// workbook, the single file. A workbook's cells are written out with their values (evaluated
// here, under Node) inside its <gs-workbook>, so the page reads and prints before its script
// has loaded; once the element has rendered the live sheet, that copy is hidden (pageStyle).

import { formatNumber } from '../format/number.ts';
import type { JsonValue } from '../formula/value.ts';
import { messages } from '../messages.ts';
import { markdownToHTML } from '../render/markdown.ts';
import { refusedHTML } from '../render/tex.ts';
import { readWorkbook } from '../format/read.ts';
import type { FileReport } from './check.ts';
import { escapeHTML, type CourseEntry } from './course.ts';

/** The look of every page, and: the written-out copy of a workbook gives way to the live one. */
export const pageStyle = `
      body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 4rem; font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; line-height: 1.5; }
      header.site { display: flex; align-items: baseline; gap: 1rem; border-bottom: 1px solid rgba(127,127,127,0.3); margin-bottom: 1rem; }
      header.site a { color: inherit; text-decoration: none; }
      header.site h1 { font-size: clamp(1.35rem, 4.5vw + 0.4rem, 2rem); line-height: 1.2; margin: 0.6rem 0; }
      nav.gs-pager { display: flex; justify-content: space-between; gap: 1rem; margin: 1rem 0; font-size: 0.95rem; }
      ol.gs-list { padding-left: 1.4rem; max-width: 46rem; }
      ol.gs-list li { margin: 0.7rem 0; }
      ol.gs-list a { font-weight: 600; font-size: 1.05rem; }
      ol.gs-list p { margin: 0.15rem 0 0; opacity: 0.75; }
      .gs-static .gs-prose { max-width: 46rem; }
      .gs-static .gs-row { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-start; margin: 0.9rem 0 1.2rem; }
      .gs-static figure { margin: 0; border: 1px solid rgba(127,127,127,0.4); border-radius: 8px; padding: 0.4rem 0.7rem; }
      .gs-static figcaption { font-size: 0.85rem; opacity: 0.8; }
      .gs-static table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
      .gs-static td { padding: 0.1rem 0.5rem; text-align: right; }
      gs-workbook:has(> .gs-workbook-body) > .gs-static, gs-workbook > .gs-static ~ .gs-status { display: none; }
      @media print { nav.gs-pager { display: none; } body { max-width: none; padding: 0; } }`;

interface Page {
  title: string;
  body: string;
  /** Module scripts: `src` loaded, or `code` inlined. */
  script: { src: string } | { code: string };
  base?: string;
  head?: string;
}

export function page({ title, body, script, base, head = '' }: Page): string {
  const tag =
    'src' in script
      ? `<script type="module" src="${escapeHTML(script.src)}"></script>`
      : `<script type="module">${script.code.replace(/<(\/?)script/gi, '<\\$1script')}</script>`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    ${base ? `<base href="${escapeHTML(base)}" />\n    ` : ''}<link rel="icon" href="data:," />
    <title>${escapeHTML(title)}</title>
    <style>${pageStyle}
    </style>${head}
    ${tag}
  </head>
  <body>
${body}
  </body>
</html>
`;
}

/** The course's name: its folder's. */
export function siteHeader(course: string, home = './'): string {
  return `    <header class="site"><h1><a href="${escapeHTML(home)}">${escapeHTML(course)}</a></h1></header>`;
}

/** The list of workbooks, each linked to `href(file)`. */
export function galleryList(entries: readonly CourseEntry[], href: (file: string) => string): string {
  return `<ol class="gs-list">\n${entries.map((e) => `      <li><a href="${escapeHTML(href(e.file))}">${escapeHTML(e.title)}</a>${e.summary ? `<p>${escapeHTML(e.summary)}</p>` : ''}</li>`).join('\n')}\n    </ol>`;
}

/** A workbook's prose and cells with the values `report` computed: plain HTML, no script. */
export function staticWorkbook(entry: CourseEntry, report: FileReport): string {
  const spec = readWorkbook(entry.text, entry.file);
  const values = new Map(report.cells.map((c) => [c.name, c]));
  const startsWithTitle = spec.blocks[0]?.kind === 'prose' && /^#\s/.test(spec.blocks[0].text);
  const parts: string[] = startsWithTitle ? [] : [`<h1>${escapeHTML(spec.title)}</h1>`];
  for (const block of spec.blocks) {
    if (block.kind === 'prose') parts.push(`<div class="gs-prose">${block.refused ? refusedHTML(block.refused) : markdownToHTML(block.text)}</div>`);
    if (block.kind !== 'cells') continue;
    parts.push(
      `<div class="gs-row">${block.cells
        .map((i) => {
          const cell = spec.cells[i];
          const shown = values.get(cell.name);
          // An exercise's answer is not written into the page (nor printed): the student computes it.
          const value = cell.exercise
            ? `<p>${escapeHTML(messages.exerciseStatic())}</p>`
            : shown?.value === undefined
              ? `<p>${escapeHTML(shown?.error?.message ?? '')}</p>`
              : valueHTML(shown.value);
          return `<figure data-cell="${escapeHTML(cell.name)}"><figcaption><b>${escapeHTML(cell.name)}</b>${cell.caption ? ` ${escapeHTML(cell.caption)}` : ''}</figcaption>${value}</figure>`;
        })
        .join('')}</div>`,
    );
  }
  return `<div class="gs-static">${parts.join('\n')}</div>`;
}

function valueHTML(v: JsonValue): string {
  const rows = typeof v === 'number' ? [[v]] : v;
  return `<table>${rows.map((r) => `<tr>${r.map((x) => `<td>${escapeHTML(formatNumber(x))}</td>`).join('')}</tr>`).join('')}</table>`;
}

/** Previous, all, next: links between the workbook pages of a built site. */
export function pager(entries: readonly CourseEntry[], at: number, href: (file: string) => string, where: string): string {
  const prev = entries[at - 1];
  const next = entries[at + 1];
  return `<nav class="gs-pager" aria-label="${escapeHTML(messages.workbooksNavAt(where))}"><span>${prev ? `<a href="${escapeHTML(href(prev.file))}" rel="prev">← ${escapeHTML(prev.title)}</a>` : ''}</span><a href="./">${escapeHTML(messages.allWorkbooks())}</a><span>${next ? `<a href="${escapeHTML(href(next.file))}" rel="next">${escapeHTML(next.title)} →</a>` : ''}</span></nav>`;
}

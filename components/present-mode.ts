// Present mode of a <gs-workbook>, as a reactive controller of the element: each section (the
// blocks from one `## heading` to the next: src/format/sections.ts) is one slide, shown over the
// whole window in large type, its cells live and editable, its training block running.
//
//   ?present, ?present=3 in the page's address   opens the page's workbook as slides (slide 3);
//                                                the address keeps the slide shown (replaceState)
//   → PageDown Space / ← PageUp                  the next / the previous slide
//   Home / End                                   the first / the last slide
//   Escape                                       leaves present mode
//
// The keys are the slides' only when focus is not in a control that uses them: an entry, a
// formula or training field, a slider or checkbox, a matrix grid or the graph (where arrows,
// Space and Escape keep their own meaning, grid-keys.ts), nor Space on a button.
//
// Fit: the slide is drawn at a zoom that makes its type large for the window; a slide taller
// than the window is drawn smaller when that makes it fit (not below 0.9), else it scrolls; a cell, chart or block
// still wider (or taller) than the window is zoomed down on its own to fit (data-fit says by
// how much). Fitting runs again whenever the window or what the slide shows changes size.

import { html, nothing, type ReactiveController } from 'lit';
import type { GsWorkbook } from './gs-workbook.ts';
import { messages } from '../src/messages.ts';
import { sections } from '../src/format/sections.ts';
import type { WorkbookSpec } from '../src/format/spec.ts';
import { adoptStyles } from './light-dom.ts';
import { paletteCSS } from './styles.ts';
import { addressParams } from './address.ts';

/** The query parameter of present mode: `?present` (slide 1) or `?present=N`. */
export const presentParam = 'present';

/** The slide's zoom for a window this wide, between 1 and 1.6 (1 at 900 px and below). */
const largeType = (width: number) => Math.min(1.6, Math.max(1, width / 900));
/** A slide taller than the window is drawn smaller, down to this zoom, when that makes it fit. */
const smallestSlideZoom = 0.9;
/** The number of sections of each workbook read. */
const slideCounts = new WeakMap<WorkbookSpec, number>();

export class PresentMode implements ReactiveController {
  /** Whether the workbook is shown as slides. */
  active = false;
  /** The slide shown, from 1. */
  slide = 1;
  /** What the live region says (the slide reached). */
  private announcement = '';
  private resizes: ResizeObserver | undefined;
  private fitQueued = false;
  /** What the slides were last shown as. */
  private shown: { active: boolean; slide: number; sections: HTMLElement[] } | undefined;
  /** The element focused when present mode was entered, to go back to on leaving. */
  private returnFocus: HTMLElement | undefined;

  constructor(readonly host: GsWorkbook) {
    host.addController(this);
  }

  hostConnected(): void {
    adoptStyles(this.host, presentSheet);
    document.addEventListener('keydown', this.onKeyDown);
    window.addEventListener('resize', this.queueFit);
    // The address opens present mode for the page's one workbook.
    if (this.ownsAddress()) {
      const asked = addressParams().get(presentParam);
      if (asked !== null) {
        this.active = true;
        this.slide = Math.max(1, Number.parseInt(asked, 10) || 1);
      }
    }
  }

  hostDisconnected(): void {
    document.removeEventListener('keydown', this.onKeyDown);
    window.removeEventListener('resize', this.queueFit);
    this.resizes?.disconnect();
    this.resizes = undefined;
  }

  hostUpdated(): void {
    // The workbook updates on every edit: the slides are shown again only when present mode, the
    // slide or the sections themselves changed (a refit on resize is the observer's job).
    const sections = this.sections;
    const shown = { active: this.active, slide: this.slide, sections };
    const last = this.shown;
    this.shown = shown;
    if (last && last.active === shown.active && last.slide === shown.slide && sameElements(last.sections, sections)) return;
    this.show();
  }

  // ---- Slides -----------------------------------------------------------------------------------

  /** The workbook's sections, one a slide. */
  get sections(): HTMLElement[] {
    return [...this.host.querySelectorAll<HTMLElement>(':scope > .gs-workbook-body > .gs-section')];
  }

  /** How many slides the workbook has (from its text: the same before and after the sections are rendered). */
  get count(): number {
    const spec = this.host.session?.spec;
    if (!spec) return 0;
    let count = slideCounts.get(spec);
    if (count === undefined) slideCounts.set(spec, (count = sections(spec.blocks).length));
    return count;
  }

  /** Shows the workbook as slides, at `slide` (the one shown last, else the first). */
  enter(slide = this.slide): void {
    const active = document.activeElement;
    this.returnFocus = active instanceof HTMLElement && active !== document.body ? active : undefined;
    this.active = true;
    this.go(slide, { focus: true });
  }

  /** Back to the whole workbook, at the section that was shown, focus where it was before. */
  leave(): void {
    if (!this.active) return;
    const section = this.sections[this.slide - 1];
    this.active = false;
    this.announcement = '';
    this.writeAddress();
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      const back = this.returnFocus?.isConnected ? this.returnFocus : this.host.querySelector<HTMLElement>('.gs-toolbar button[data-tool="present"]');
      back?.focus({ preventScroll: true });
      section?.scrollIntoView({ block: 'start' });
    });
  }

  /** Shows slide `n` (clamped to the slides there are). */
  go(n: number, { focus = false } = {}): void {
    const count = this.count;
    const slide = Math.min(Math.max(1, Math.round(n)), Math.max(1, count));
    const moved = slide !== this.slide;
    this.slide = slide;
    this.announcement = count ? messages.presentSlideAnnounce(slide, count, this.headingOf(slide)) : '';
    this.writeAddress();
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      this.host.scrollTop = 0;
      // Focus left on a slide now hidden (or present mode just entered) goes to the slide shown.
      const current = this.sections[this.slide - 1];
      const focused = document.activeElement;
      const lost = !focused || focused === document.body || (moved && !!focused.closest('.gs-section') && !current?.contains(focused));
      if (current && (focus || lost)) {
        current.tabIndex = -1;
        current.focus({ preventScroll: true });
      }
    });
  }

  next(): void {
    this.go(this.slide + 1);
  }

  previous(): void {
    this.go(this.slide - 1);
  }

  /** The heading a slide starts with, as text (the workbook's title for the first, untitled one). */
  private headingOf(n: number): string {
    const heading = this.sections[n - 1]?.querySelector('h2');
    return heading?.textContent?.trim() || this.host.session?.spec.title || '';
  }

  /** Marks the slide shown, and fits it; everything shown again when present mode is off. */
  private show(): void {
    const sections = this.sections;
    if (this.active && this.count && this.slide > this.count) this.go(this.count);
    this.host.toggleAttribute('data-present', this.active);
    sections.forEach((s, k) => {
      const current = this.active && k === this.slide - 1;
      s.classList.toggle('gs-current', current);
      if (!this.active) {
        s.style.zoom = '';
        for (const item of fitItems(s)) unfit(item);
      }
    });
    this.resizes?.disconnect();
    if (!this.active) return;
    const current = sections[this.slide - 1];
    if (!current) return;
    if (typeof ResizeObserver === 'function') {
      // Cells and charts change size as they compute, load their prose or draw: fit again then
      // (after the observer's own round, as gs-plot does, so that fitting is never a resize loop).
      this.resizes = new ResizeObserver(this.queueFit);
      this.resizes.observe(current);
      for (const item of fitItems(current)) this.resizes.observe(item);
    }
    this.fit();
  }

  private queueFit = (): void => {
    if (this.fitQueued || !this.active) return;
    this.fitQueued = true;
    setTimeout(() => {
      this.fitQueued = false;
      this.fit();
    }, 0);
  };

  /** Draws the slide shown in large type, smaller when it is taller than the window, and zooms down what is still too wide. */
  fit(): void {
    const slide = this.sections[this.slide - 1];
    if (!this.active || !slide) return;
    const bar = this.host.querySelector<HTMLElement>('.gs-present-bar');
    const room = { width: this.host.clientWidth, height: this.host.clientHeight - (bar?.getBoundingClientRect().height ?? 0) };
    if (room.width <= 0 || room.height <= 0) return;
    const items = fitItems(slide);
    // The largest zoom, from large type down to the smallest, at which the slide fits the window's
    // height (a larger zoom can wrap a row of cells onto two lines: found by bisection).
    const fits = (zoom: number) => {
      slide.style.zoom = String(zoom);
      for (const item of items) unfit(item);
      fitEach(items, slide, room.height);
      return slide.getBoundingClientRect().height <= room.height;
    };
    const large = largeType(room.width);
    let zoom = large;
    // A slide that would not fit even at the smallest zoom scrolls, in large type.
    if (!fits(zoom) && fits(smallestSlideZoom)) {
      let low = smallestSlideZoom,
        high = zoom;
      for (let round = 0; round < 6 && high - low > 0.01; round++) {
        const mid = (low + high) / 2;
        if (fits(mid)) low = mid;
        else high = mid;
      }
      zoom = low;
    }
    if (!fits(zoom)) fits((zoom = large));
    slide.dataset.zoom = zoom.toFixed(3);
  }

  // ---- Keys -------------------------------------------------------------------------------------

  private onKeyDown = (e: KeyboardEvent): void => {
    if (!this.active || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.composedPath()[0];
    if (!(target instanceof Element)) return;
    // Keys typed elsewhere on the page (in another workbook) are not this workbook's.
    if (target !== document.body && target !== document.documentElement && !this.host.contains(hostOf(target))) return;
    const action = slideKey(e.key, e.shiftKey);
    if (!action || !this.keyIsFree(target, e.key)) return;
    e.preventDefault();
    if (action === 'leave') this.leave();
    else if (action === 'first') this.go(1);
    else if (action === 'last') this.go(this.count);
    else if (action === 'next') this.next();
    else this.previous();
  };

  /** May the slides take this key from the focused element? Never from a control that uses it. */
  private keyIsFree(target: Element, key: string): boolean {
    if (target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])')) return false;
    // Arrows move in a grid, between the graph's nodes, in a listbox or a slider.
    if (target.closest('[role="grid"], [role="listbox"], [role="slider"], [role="tablist"], [role="menu"], gs-graph') || hostOf(target).closest('gs-graph'))
      return false;
    // Space and Enter press a button or follow a link (the bar's own buttons included).
    if ((key === ' ' || key === 'Enter') && target.closest('button, a[href], summary, [role="button"]')) return false;
    return true;
  }

  // ---- The address ------------------------------------------------------------------------------

  /** Only a page's one workbook follows (and writes) ?present in the address. */
  private ownsAddress(): boolean {
    return document.querySelectorAll('gs-workbook').length <= 1;
  }

  private writeAddress(): void {
    if (!this.ownsAddress()) return;
    const params = new URLSearchParams(location.search);
    if (this.active) params.set(presentParam, String(this.slide));
    else params.delete(presentParam);
    const query = params.toString();
    const href = `${location.pathname}${query ? `?${query}` : ''}${location.hash}`;
    if (href !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(history.state, '', href);
  }

  // ---- Rendering --------------------------------------------------------------------------------

  /** The bar above a slide: the workbook's title, the slide's number, Previous, Next and Leave. */
  render(title: string) {
    if (!this.active) return nothing;
    const count = this.count || 1;
    return html`<div class="gs-present-bar" role="group" aria-label=${messages.presentBarLabel()}>
      <span class="gs-present-title">${title}</span>
      <span class="gs-present-number" aria-hidden="true">${messages.presentSlideNumber(this.slide, count)}</span>
      <button type="button" aria-keyshortcuts="ArrowLeft PageUp" aria-disabled=${this.slide <= 1 ? 'true' : 'false'} @click=${() => this.previous()}>${messages.presentPrevious()}</button>
      <button type="button" aria-keyshortcuts="ArrowRight PageDown Space" aria-disabled=${this.slide >= count ? 'true' : 'false'} @click=${() => this.next()}>${messages.presentNext()}</button>
      <button type="button" aria-keyshortcuts="Escape" @click=${() => this.leave()}>${messages.presentLeave()}</button>
      <span class="gs-present-announce" role="status">${this.announcement}</span>
    </div>`;
  }
}

function slideKey(key: string, shift: boolean): 'next' | 'previous' | 'first' | 'last' | 'leave' | undefined {
  switch (key) {
    case 'ArrowRight':
    case 'PageDown':
      return 'next';
    case ' ':
      return shift ? 'previous' : 'next';
    case 'ArrowLeft':
    case 'PageUp':
      return 'previous';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'Escape':
      return 'leave';
    default:
      return undefined;
  }
}

/** The element in the host's own tree that holds `el` (the cell, for an element in a cell's shadow root). */
function hostOf(el: Element): Element {
  let node: Element = el;
  for (let root = node.getRootNode(); root instanceof ShadowRoot; root = node.getRootNode()) node = root.host;
  return node;
}

/** What a slide fits one by one: its blocks, and each cell, chart or block of its rows. */
function fitItems(slide: HTMLElement): HTMLElement[] {
  return [...slide.children]
    .flatMap((c) => (c.matches('.gs-row, .gs-figures') ? [...c.children] : [c]))
    .filter((c): c is HTMLElement => c instanceof HTMLElement);
}

function unfit(item: HTMLElement): void {
  if (!item.style.zoom) return;
  item.style.zoom = '';
  delete item.dataset.fit;
}

/** Zooms down each item wider than the slide's content box, or taller than the window. */
function fitEach(items: HTMLElement[], slide: HTMLElement, roomHeight: number): void {
  const box = slide.getBoundingClientRect();
  const style = getComputedStyle(slide);
  const scale = Number(slide.style.zoom) || 1;
  const width = box.width - (parseFloat(style.paddingLeft) + parseFloat(style.paddingRight)) * scale;
  for (const item of items) {
    // A value shown narrower than it is may be laid out narrower still than it needs: measured again once zoomed.
    for (let zoom = 1, round = 0; round < 4; round++) {
      const rect = item.getBoundingClientRect();
      if (!rect.width || !rect.height) break;
      const factor = Math.min(1, width / (rect.width + hiddenSideways(item, rect)), roomHeight / rect.height);
      if (factor >= 0.999) break;
      zoom = Math.floor(zoom * factor * 1000) / 1000;
      item.style.zoom = String(zoom);
      item.dataset.fit = String(zoom);
    }
  }
}

/**
 * How much of an item's content is scrolled out of sight sideways, in the window's pixels: a cell
 * never grows wider than the room it has (a wide value scrolls inside it, gs-cell.ts), so on a
 * slide what it hides is what it would need to be shown whole.
 */
function hiddenSideways(item: HTMLElement, rect: DOMRect): number {
  const scrollers = item.shadowRoot?.querySelectorAll<HTMLElement>('.body, .tex, .train') ?? [];
  const hidden = Math.max(0, ...[...scrollers].map((el) => el.scrollWidth - el.clientWidth));
  return hidden > 1 && item.offsetWidth ? (hidden * rect.width) / item.offsetWidth : 0;
}

const presentSheet = new CSSStyleSheet();
presentSheet.replaceSync(`
  ${paletteCSS('gs-workbook')}
  @media screen {
    :root:has(gs-workbook[data-present]) { overflow: hidden; }
    gs-workbook[data-present] {
      position: fixed; inset: 0; z-index: 1000; margin: 0; overflow: auto; overscroll-behavior: contain;
      background: var(--_bg); color: var(--_fg);
    }
    gs-workbook[data-present] .gs-toolbar, gs-workbook[data-present] .gs-graph-panel,
    gs-workbook[data-present] .gs-workbook-body > h1 { display: none; }
    gs-workbook[data-present] .gs-section:not(.gs-current) { display: none; }
    gs-workbook[data-present] .gs-section { padding: 0.4rem 1.5rem 1.5rem; box-sizing: border-box; }
    gs-workbook[data-present] .gs-section:focus { outline: none; }
    gs-workbook[data-present] .gs-section .gs-prose { max-width: 52rem; }
    gs-workbook[data-present] > .gs-workbook-body > .gs-notice, gs-workbook[data-present] > .gs-workbook-body > .gs-problems,
    gs-workbook[data-present] > .gs-workbook-body > .gs-reload { margin-left: 1.5rem; margin-right: 1.5rem; }
    gs-workbook .gs-present-bar {
      position: sticky; top: 0; z-index: 3; display: flex; flex-wrap: wrap; align-items: center; gap: 0.3rem 0.6rem;
      padding: 0.35rem 1.5rem; background: var(--_bg); border-bottom: 1px solid var(--_border); font-size: 0.95rem;
    }
    gs-workbook .gs-present-title { font-weight: 600; margin-right: auto; }
    gs-workbook .gs-present-number { font-variant-numeric: tabular-nums; color: var(--_muted); margin-right: 0.4rem; }
    gs-workbook .gs-present-bar button {
      font: inherit; font-size: 0.88rem; padding: 0.2rem 0.7rem; border-radius: 5px; cursor: pointer;
      border: 1px solid var(--_accent); background: transparent; color: var(--_accent);
    }
    gs-workbook .gs-present-bar button[aria-disabled="true"] { opacity: 0.55; cursor: default; }
    gs-workbook .gs-present-bar button:focus-visible { outline: 2px solid var(--_accent); outline-offset: 1px; }
    gs-workbook .gs-present-announce {
      position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
    }
  }
  @media print {
    gs-workbook .gs-present-bar { display: none; }
    gs-workbook .gs-section { zoom: 1 !important; }
    gs-workbook .gs-section [data-fit] { zoom: 1 !important; }
  }
`);

function sameElements(a: readonly Element[], b: readonly Element[]): boolean {
  return a.length === b.length && a.every((e, k) => e === b[k]);
}

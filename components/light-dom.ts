// Elements that render into the light DOM (so their cells are plain <gs-cell>s a page can find)
// style themselves with a constructed stylesheet, adopted once by the document or shadow root
// they live in; its selectors start with the element's name, so nothing else is touched.

export function adoptStyles(host: Node, sheet: CSSStyleSheet): void {
  const root = host.getRootNode() as Document | ShadowRoot;
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

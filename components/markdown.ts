// Prose and captions for the page: the renderer is src/render/markdown.ts (pure, shared with
// `gradsheet build`). markdown-lazy.ts imports this module on demand, so markdown-it stays a
// chunk of its own.

export { inlineMarkdownToHTML, markdownToHTML } from '../src/render/markdown.ts';

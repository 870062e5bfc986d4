// Hard limits that keep a tab alive whatever a workbook or a student types (GUIDE §4).
// They are checked before the work is done, never after.

export const limits = {
  /**
   * Characters in one formula. An input cell's own literal (plain numbers in the workbook file)
   * is data and may be longer: the file's size and maxEntries bound it (formula/parse.ts).
   */
  maxFormulaLength: 2000,
  /** Nesting of brackets in one formula (mathjs overflows the stack near 300). */
  maxNesting: 40,
  /**
   * Operations inside one another in one formula, brackets or not (1+1+…+1 is a chain of
   * additions). Parsing, evaluating, differentiating and typesetting recurse over this depth.
   */
  maxDepth: 200,
  /** Entries in any matrix a formula or an input creates (8 MB of float64). */
  maxEntries: 1_000_000,
  /**
   * Rows, or columns, of any matrix (even an empty one: zeros(1e300, 0) has no entries, but
   * transposing, indexing or printing it would walk over 1e300 rows).
   */
  maxSide: 1_000_000,
  /** Scalar multiplications in one matrix product. */
  maxMultiplications: 200_000_000,
  /**
   * Work in one evaluation of one formula, in units of one multiply-add or one entry read; an
   * entry created costs 8 (formula/budget.ts). One maximal product and a little more, or some
   * 37 element-wise operations on a maximal matrix: about half a second.
   */
  maxWork: 300_000_000,
  /**
   * Work of one recompute of a whole workbook, all of its cells, checks and plots together (its
   * load, with saved edits or a share link, or one edit): about a second (formula/budget.ts).
   */
  maxLoadWork: 600_000_000,
  /** Bytes in one workbook file. */
  maxFileBytes: 1_000_000,
  /** Cells in one workbook. */
  maxCells: 5000,
  /**
   * A data file a cell reads (`D = csv("points.csv")`): its bytes, its numbers (rows × columns,
   * well under maxEntries: the file becomes one matrix the page holds and shows), and how many
   * files one workbook may read.
   */
  maxDataBytes: 1_000_000,
  maxDataEntries: 200_000,
  maxDataFiles: 20,
  /**
   * Characters of TeX in one formula, label or $…$ segment, and symbols KaTeX may produce for
   * it. Measured in Chromium here (2 cores, loaded): KaTeX plus MathML layout of ~1,000 symbols
   * takes 75-100 ms, layout growing faster than linearly (10,000 symbols: 0.5-1.3 s). The
   * lecture's longest label is 106 characters.
   */
  maxTexLength: 4000,
  maxTexSymbols: 1000,
  /** Macro expansions per TeX string (the lecture needs at most 50; definitions are refused). */
  maxTexExpand: 200,
  /** Characters in one piece of prose or caption (the lecture's longest block is ~2,000). */
  maxMarkdownLength: 20_000,
  /** Nesting of Markdown blocks and inline marks (markdown-it's maxNesting). */
  maxMarkdownNesting: 20,
  /**
   * What one workbook may ask the page to render, in all (format/render-bounds.ts): the TeX of
   * its labels (written or derived from the name) and of the $…$ math in its prose and captions,
   * in characters and in symbols counted from the source; and the Markdown of its prose and
   * captions. The lecture's largest (05) holds 1,719 characters and 712 symbols of TeX and
   * 5,195 characters of Markdown: the bounds are more than ten times that. 10,000 symbols, laid
   * out a string of at most 1,000 at a time, take about a second here (75-100 ms per 1,000).
   */
  maxWorkbookTexLength: 20_000,
  maxWorkbookTexSymbols: 10_000,
  maxWorkbookMarkdownLength: 100_000,
} as const;

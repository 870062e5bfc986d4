// The ```network block: a diagram of a network drawn from the cells that hold it.
//
//   ```network
//   title: The worked example
//   layers: x, h1, y_hat
//   weights: Theta1, Theta2
//   sums: s1, s2
//   loss: E
//   ```
//
// `layers` lists the cells (or formulas) holding each layer's values, input first; `weights`
// the matrix between each layer and the next, in the lecture's convention s_i = Θ_iᵀ h_{i-1}:
// Θ_i is n_{i-1}×n_i, and its entry [j, k] is the edge from unit j of layer i−1 to unit k of
// layer i. The optional lists give one item per weight matrix (`bias`, `gradients`) or per layer
// after the input (`sums`, `deltas`), "-" where there is none. `loss` derives what is not given:
// ∂loss/∂Θ_i, ∂loss/∂b_i and δ_i = ∂loss/∂s_i, by grad. `depth` is a formula for how many hidden
// layers are drawn. Items are split at top-level commas, so `H1[:, 1]` is one item.

import { codes, messages } from '../messages.ts';
import { contentLines, type Report } from './block-reader.ts';
import type { NetworkBlock, NetworkItem, WorkbookSpec } from './spec.ts';

export const networkLists = ['layers', 'weights', 'bias', 'sums', 'deltas', 'gradients'] as const;
export const networkSettings = ['title', ...networkLists, 'loss', 'depth'] as const;
type ListKey = (typeof networkLists)[number];

export function readNetwork(lines: string[], from: number, to: number, _spec: WorkbookSpec, problem: Report): NetworkBlock {
  const block: NetworkBlock = { kind: 'network', line: from, layers: [], weights: [] };
  const seen = new Map<string, number>(); // key → its line
  for (const { raw, line, text, indent } of contentLines(lines, from, to)) {
    const m = /^([A-Za-z]+)\s*:\s*(.*)$/.exec(text);
    if (!m) {
      problem(codes.E_BLOCK, messages.networkLine(text), line, indent + 1);
      continue;
    }
    const [, key, value] = m;
    const valueCol = raw.indexOf(value, indent + key.length) + 1;
    if (!(networkSettings as readonly string[]).includes(key)) {
      problem(codes.E_ATTRIBUTE, messages.attributeUnknown(key, networkSettings), line, indent + 1);
      continue;
    }
    if (seen.has(key)) {
      problem(codes.E_ATTRIBUTE, messages.attributeDuplicate(key), line, indent + 1);
      continue;
    }
    if (!value.trim()) {
      problem(codes.E_ATTRIBUTE, messages.attributeEmpty(key), line, indent + key.length + 2);
      continue;
    }
    seen.set(key, line);
    if (key === 'title') block.title = value.trim();
    else if (key === 'loss' || key === 'depth') block[key] = { text: value.trim(), line, col: valueCol };
    else {
      const items = splitItems(value, line, valueCol);
      const k = key as ListKey;
      if (k === 'layers' || k === 'weights') {
        const none = items.find((i) => i === null);
        if (none !== undefined) problem(codes.E_ATTRIBUTE, messages.networkNoneHere(k), line, valueCol);
        else block[k] = items as NetworkItem[];
      } else block[k] = items;
    }
  }
  // The lists agree in length: n layers, n − 1 weight matrices, one bias, gradient, sum, δ per matrix.
  if (block.layers.length < 2) problem(codes.E_BLOCK, messages.networkFewLayers(block.layers.length), seen.get('layers') ?? from);
  else if (block.weights.length !== block.layers.length - 1) {
    problem(codes.E_BLOCK, messages.networkWeightCount(block.weights.length, block.layers.length), seen.get('weights') ?? from);
  } else {
    for (const k of ['bias', 'sums', 'deltas', 'gradients'] as const) {
      const list = block[k];
      if (list && list.length !== block.weights.length) {
        problem(codes.E_BLOCK, messages.networkListLength(k, list.length, block.weights.length), seen.get(k)!);
        delete block[k];
      }
    }
  }
  return block;
}

/** "x, H1[:, 1], -": items split at commas outside brackets, each where it starts; "-" is null. */
export function splitItems(value: string, line: number, col: number): (NetworkItem | null)[] {
  const items: (NetworkItem | null)[] = [];
  let depth = 0,
    start = 0;
  const push = (end: number) => {
    const part = value.slice(start, end);
    const text = part.trim();
    const at = col + start + (part.length - part.trimStart().length);
    items.push(text === '-' ? null : { text, line, col: at });
  };
  for (let k = 0; k < value.length; k++) {
    const c = value[k];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      push(k);
      start = k + 1;
    }
  }
  push(value.length);
  return items.filter((i) => i === null || i.text !== '');
}

/** The canonical text of a ```network block (format/write.ts). */
export function writeNetwork(block: NetworkBlock): string {
  const lines = ['```network'];
  const list = (items: (NetworkItem | null)[]) => items.map((i) => i?.text ?? '-').join(', ');
  if (block.title !== undefined) lines.push(`title: ${block.title}`);
  for (const k of networkLists) {
    const items = block[k];
    if (items && items.length) lines.push(`${k}: ${list(items)}`);
  }
  if (block.loss) lines.push(`loss: ${block.loss.text}`);
  if (block.depth) lines.push(`depth: ${block.depth.text}`);
  return [...lines, '```'].join('\n');
}

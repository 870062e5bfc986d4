// The ```train block: gradient descent declared in the workbook.
//
//   ```train
//   loss: E
//   Theta1 <- Theta1 - gamma * grad(E, Theta1)
//   Theta2 <- Theta2_new
//   steps: 2000
//   target: 0.001
//   ```
//
// Each update rule names an input cell and the formula for its next value; Step applies all of
// them at once. `steps` bounds Run (default 1000); `target` stops it once the loss is that low.

import { codes, messages } from '../messages.ts';
import { contentLines, type Report } from './block-reader.ts';
import type { TrainBlock, WorkbookSpec } from './spec.ts';

export const defaultSteps = 1000;
export const maxSteps = 1_000_000;

export function readTrain(lines: string[], from: number, to: number, _spec: WorkbookSpec, problem: Report): TrainBlock {
  const block: TrainBlock = { kind: 'train', line: from, loss: '', lossLine: from, updates: [], steps: defaultSteps };
  const seen = new Set<string>();
  for (const { raw, line, text, indent } of contentLines(lines, from, to)) {
    const update = /^([^\s<]+)\s*<-\s*(.*)$/.exec(text);
    if (update) {
      const formula = update[2].trim();
      if (!formula) {
        problem(codes.E_BLOCK, messages.trainUpdateEmpty(update[1]), line, indent + 1);
        continue;
      }
      block.updates.push({ target: update[1], formula, line, col: indent + 1, formulaCol: raw.indexOf(formula, indent + update[1].length) + 1 });
      continue;
    }
    const setting = /^([A-Za-z]+)\s*:\s*(.*)$/.exec(text);
    if (!setting) {
      problem(codes.E_BLOCK, messages.trainLine(text), line, indent + 1);
      continue;
    }
    const [, key, value] = setting;
    const valueCol = raw.indexOf(value, indent + key.length) + 1;
    if (seen.has(key)) {
      problem(codes.E_ATTRIBUTE, messages.attributeDuplicate(key), line, indent + 1);
      continue;
    }
    seen.add(key);
    switch (key) {
      case 'loss':
        block.loss = value.trim();
        block.lossLine = line;
        break;
      case 'steps': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1 || n > maxSteps) problem(codes.E_ATTRIBUTE, messages.trainSteps(value, maxSteps), line, valueCol);
        else block.steps = n;
        break;
      }
      case 'target': {
        const t = Number(value);
        if (!Number.isFinite(t) || value.trim() === '') problem(codes.E_ATTRIBUTE, messages.trainTarget(value), line, valueCol);
        else block.target = t;
        break;
      }
      default:
        problem(codes.E_ATTRIBUTE, messages.attributeUnknown(key, ['loss', 'steps', 'target']), line, indent + 1);
    }
  }
  if (!block.loss) problem(codes.E_BLOCK, messages.trainNoLoss(), from);
  if (!block.updates.length) problem(codes.E_BLOCK, messages.trainNoUpdates(), from);
  return block;
}

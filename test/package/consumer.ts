// A course's own TypeScript, compiled against the installed package's declarations by
// test/package/course.node.test.ts (not part of this repository's build: it imports 'gradsheet'
// by its package name). The elements' classes and the engine's functions are typed; the element
// and event maps (HTMLElementTagNameMap for every gs-* element, HTMLElementEventMap with each
// event's detail) are declared in components/ and come with them.
import { GsCell, GsWorkbook } from 'gradsheet';
import { checkWorkbookText, evaluateWorkbook, trainWorkbook, type FileReport } from 'gradsheet/engine';

const workbook: GsWorkbook = document.createElement('gs-workbook');
workbook.src = 'workbooks/01-one-neuron.md';
const cell: GsCell | null = workbook.querySelector('gs-cell');
const name: string | undefined = cell?.name;

const report: FileReport = checkWorkbookText('# t\n\n```cells\na = 1\n```\n', 't.md');
const ok: boolean = report.ok && report.errors === 0;
const cells: number = evaluateWorkbook('# t\n').results.length;
const loss: number | undefined = trainWorkbook('# t\n', { steps: 1 }).history.at(-1)?.[1];

// @ts-expect-error: src is a string
workbook.src = 1;

export { name, ok, cells, loss };

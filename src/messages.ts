// Every message gradsheet shows a user, with its stable code. Codes never change meaning;
// tests, the command line and course sites may match on them. Messages say what happened
// and what to do.

export const codes = {
  // The workbook file
  E_FILE: 'E_FILE',
  E_FRONTMATTER: 'E_FRONTMATTER',
  E_BLOCK: 'E_BLOCK',
  E_CELL_LINE: 'E_CELL_LINE',
  E_ATTRIBUTE: 'E_ATTRIBUTE',
  // A data file a cell reads (csv("points.csv")): refused, missing, too large, or not numbers
  E_DATA: 'E_DATA',
  // Names
  E_NAME_INVALID: 'E_NAME_INVALID',
  E_NAME_RESERVED: 'E_NAME_RESERVED',
  E_NAME_DUPLICATE: 'E_NAME_DUPLICATE',
  E_NAME_UNKNOWN: 'E_NAME_UNKNOWN',
  E_CYCLE: 'E_CYCLE',
  // Formulas
  E_SYNTAX: 'E_SYNTAX',
  E_FORBIDDEN: 'E_FORBIDDEN',
  E_FUNCTION_UNKNOWN: 'E_FUNCTION_UNKNOWN',
  E_NOT_A_FUNCTION: 'E_NOT_A_FUNCTION',
  E_ARITY: 'E_ARITY',
  E_ARGUMENT: 'E_ARGUMENT',
  E_SHAPE: 'E_SHAPE',
  E_INDEX: 'E_INDEX',
  E_TOO_LONG: 'E_TOO_LONG',
  E_TOO_DEEP: 'E_TOO_DEEP',
  E_TOO_LARGE: 'E_TOO_LARGE',
  E_NONFINITE: 'E_NONFINITE',
  E_NO_DERIVATIVE: 'E_NO_DERIVATIVE',
  // Entries typed into an input cell
  E_ENTRY: 'E_ENTRY',
  // What the slide says, compared with the cell (reported by `gradsheet check`). W_ codes are
  // reported but do not fail the check.
  E_SLIDE: 'E_SLIDE',
  W_SLIDE_WRONG: 'W_SLIDE_WRONG',
  W_SLIDE_AGREES: 'W_SLIDE_AGREES',
  // A hand-derived gradient ("check: grad(E, Theta2)") against autodiff, likewise
  E_CHECK: 'E_CHECK',
  W_CHECK_FAILS: 'W_CHECK_FAILS',
  W_CHECK_PASSES: 'W_CHECK_PASSES',
  // An exercise ("exercise:"): it does not compute, a mistake equals the answer, a hint is missing
  E_EXERCISE: 'E_EXERCISE',
  // Something we did not foresee; always a bug in gradsheet, reported rather than hidden
  E_INTERNAL: 'E_INTERNAL',
} as const;

export type Code = (typeof codes)[keyof typeof codes];

// Helpers for the messages about saving, sharing, pasting and undoing.
const list = (names: readonly string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A side of a matrix, readable even when absurd (1e300). */
const side = (n: number) => (n >= 1e15 ? n.toExponential(0) : n.toLocaleString('en-US'));

export const messages = {
  fileEmpty: () => 'The workbook file is empty: start it with a title line such as "# My workbook" and a ```cells block.',
  fileBinary: () => 'The workbook file is not text (it contains NUL bytes): save it as UTF-8 Markdown.',
  fileTooLarge: (bytes: number, cap: number) => `The workbook file is ${bytes} bytes; the limit is ${cap} bytes. Split it into several workbooks.`,
  frontmatterUnclosed: () => 'The front matter opened with "---" is never closed: add a line "---" after its last key.',
  frontmatterLine: (line: string) => `"${line}" is not "key: value": front matter lines look like "title: Backpropagation".`,
  blockUnclosed: (kind: string) => `The \`\`\`${kind} block is never closed: add a line \`\`\` after its last cell.`,
  blockUnknown: (kind: string, known: readonly string[]) =>
    `Unknown block type "${kind}": gradsheet knows ${known.map((k) => '```' + k).join(', ')}. For a plain code listing, name a language (e.g. \`\`\`python).`,
  cellLine: (line: string) => `"${line}" is not a cell: write "name = formula" at the start of a line, and indent attribute lines (e.g. "  label: \\Theta_1").`,
  attributeOrphan: () => 'This attribute line comes before any cell: put "name = formula" first.',
  attributeUnknown: (key: string, known: readonly string[]) => `Unknown attribute "${key}": use one of ${known.join(', ')}.`,
  attributeDuplicate: (key: string) => `"${key}" is given twice for this cell: keep one.`,
  attributeEmpty: (key: string) => `"${key}" needs a value after the colon.`,
  slideNotLiteral: () => 'A slide value must be a number or a matrix of numbers, e.g. "slide: [0.79; 0.92; 0.16]", optionally followed by "± 0.01".',
  slideTolerance: (text: string) => `"${text}" is not a tolerance: write a positive number after ±, e.g. "± 0.005".`,
  checkSyntax: (text: string) =>
    `"${text}" is not a gradient check: write "check: grad(E, Theta2)" — the cell to differentiate, then the cell to differentiate with respect to.`,
  checkFailsAlone: () => 'check-fails needs a "check: grad(…)" on this cell: which gradient is it?',
  trainLine: (line: string) =>
    `"${line}" is not part of a training rule: write "loss: E", an update "Theta1 <- Theta1 - gamma * grad(E, Theta1)", "steps: 1000" or "target: 0.001".`,
  trainUpdateEmpty: (target: string) => `The update of ${target} has no formula after "<-".`,
  trainSteps: (text: string, max: number) => `"${text}" is not a number of steps: write a whole number from 1 to ${max}.`,
  trainTarget: (text: string) => `"${text}" is not a loss target: write a number, e.g. "target: 0.001".`,
  trainNoLoss: () => 'This ```train block names no loss: add a line "loss: E" naming the cell to minimise.',
  trainNoUpdates: () => 'This ```train block has no update rules: add a line such as "Theta1 <- Theta1 - gamma * grad(E, Theta1)".',
  trainNotInput: (name: string) =>
    `${name} is not an input cell, so training cannot update it: only cells whose formula is a number or a matrix of numbers can be trained.`,
  trainLossNotCell: (name: string) => `The loss "${name}" is not a cell of this workbook.`,
  trainLossShape: (name: string, shape: string) => `The loss ${name} is ${shape}; it must be a single number: sum or average it, e.g. mean(${name}).`,
  trainUpdateShape: (target: string, shape: string, expected: string) =>
    `The update of ${target} gives a ${shape} value, but ${target} is ${expected}: the update must keep its shape.`,
  inputStartReads: (name: string) =>
    `An input's start is computed once, before any cell, so it cannot read ${name}: use numbers and functions only, e.g. "randn(8, 2, 7) * 0.5".`,
  trainFirstStep: (detail: string) => `The first training step would fail: ${detail}`,
  trainDiverged: (step: number, cell: string, detail: string) => `Training stopped at step ${step}: ${cell} — ${detail}`,
  plotLine: (line: string) =>
    `"${line}" is not part of a plot: write a layer such as "line: sigmoid(z) as σ(z)" or "point: x = X[:, 1], y = X[:, 2]", or a setting such as "title: …".`,
  plotLayer: (text: string, keys: readonly string[]) =>
    `"${text}" is not a layer: write "formula [as name]" or ${keys.map((k) => `${k} = …`).join(', ')} (y is required).`,
  plotScale: (text: string) => `"${text}" is not a scale: write "linear" or "log".`,
  plotRange: (key: string, text: string) => `"${text}" is not a ${key}: write "MIN to MAX", such as "${key}: -0.5 to 1.5", with the minimum below the maximum.`,
  plotRangeLog: (key: string, lo: number) => `The ${key} starts at ${lo}, which a log scale cannot show: start it above 0, or use a linear scale.`,
  plotSize: (key: string, text: string) => `"${text}" is not a ${key}: write a whole number of pixels from 40 to 2000.`,
  plotEmpty: () => 'This ```plot block has no layers: add a line such as "line: sigmoid(z) as σ(z)".',
  plotNoX: (text: string) => `The layer "${text}" has no x: give the plot a line "x: …" or write the layer as "x = …, y = …".`,
  plotLengths: (what: string, n: number, m: number) =>
    `${what} has ${n} values but the x values have ${m}: every channel of a layer needs one value per point.`,
  plotVector: (what: string, shape: string) => `${what} is ${shape}: a plot channel needs a row or a column of numbers.`,
  plotTooMany: (n: number, cap: number) => `The plot would have ${n.toLocaleString('en-US')} points; the limit is ${cap.toLocaleString('en-US')}.`,
  plotLogScale: (what: string) => `${what} has values ≤ 0, which a log scale cannot show: use a linear scale, or plot abs(…) or a positive quantity.`,
  sliderSyntax: () => 'A slider reads "slider: -3 to 3" or "slider: 0 to 1 step 0.05", with the minimum below the maximum.',
  explainNotAGradient: (name: string) => `${name} is not a gradient: Explain shows the chain of a cell that is grad(E, W), or that has "check: grad(E, W)".`,
  explainPending: (name: string) => `${name} is still being computed; Explain shows its chain once it has a value.`,
  explainEntry: (wrt: string, row: number, col: number, rows: number, cols: number) =>
    `${wrt} has no entry [${row},${col}]: it is ${rows}×${cols}, so pick a row from 1 to ${rows} and a column from 1 to ${cols}.`,
  explainTooManyPaths: (of: string, wrt: string, cap: number) =>
    `${wrt} reaches ${of} along more than ${cap} paths through the cells, too many to list one by one. The gradient itself is still computed.`,
  explainTooMuchWork: (cap: number) =>
    `Explaining this gradient would take more than ${cap.toLocaleString('en-US')} operations (one reverse pass per entry of each cell between). The gradient itself is still computed.`,
  explainButton: () => 'Explain',
  explainButtonLabel: (name: string) => `Explain ${name}`,
  explainButtonTitle: () => 'The chain of local derivatives behind this gradient (Alt+Shift+E)',
  explainHeading: () => 'Explain',
  explainEntryLabel: () => 'Entry',
  explainRowLabel: () => 'Row',
  explainColumnLabel: () => 'Column',
  explainClose: () => 'Close',
  explainIntro: (paths: number, wrt: string, of: string) =>
    paths === 1
      ? `One path leads through the cells from ${wrt} to ${of}. Each factor is the local derivative of one cell by the cell it reads, computed from the current values:`
      : `${paths} paths lead through the cells from ${wrt} to ${of}; the gradient is the sum of their products. Each factor is the local derivative of one cell by the cell it reads, computed from the current values:`,
  explainNoPath: (of: string, wrt: string) => `${of} does not depend on ${wrt}: no path leads from ${wrt} to ${of}, and the gradient is 0.`,
  explainItself: (of: string) => `The derivative of ${of} by itself is 1.`,
  explainPathHeading: (k: number, n: number) => (n === 1 ? 'The path' : `Path ${k} of ${n}`),
  explainFactorColumn: () => 'factor',
  explainFactorName: (child: string, parent: string) => `∂${child}/∂${parent}`,
  explainFormulaColumn: () => 'of the formula',
  explainValueColumn: () => 'value',
  explainShapeColumn: () => 'shape',
  explainShapeScalar: () => 'a number',
  explainShapeEntry: (shape: string) => `${shape}: how the cell moves with this one entry`,
  explainShapeElementwise: (shape: string, n: number) => `${shape}: element-wise, the diagonal of a ${n}×${n} Jacobian`,
  explainShapeGradient: (shape: string) => `${shape}, shaped like the cell it is taken by`,
  explainShapeJacobian: (rows: number, cols: number) => `${rows}×${cols} Jacobian: a row per entry of the cell, a column per entry it reads`,
  explainShapeLarge: (rows: number, cols: number) => `${rows}×${cols} Jacobian, too large to show (its product is still computed)`,
  explainMultiplied: () => 'Multiplied out for this entry:',
  explainThrough: () => 'through',
  explainSumOverUnits: (n: number) =>
    `This entry reaches the loss along ${n} routes through the entries of the cells between: the product is the sum of their ${n} terms.`,
  explainMoreTerms: (n: number, together: string) => `and ${n.toLocaleString('en-US')} more ${n === 1 ? 'term' : 'terms'}, together ${together}`,
  explainNoTerms: () => 'Too many entries to list every term; the product of the factors is computed as a whole.',
  explainZeroTerms: () => 'Every term is 0: this weight does not move the loss along this path at the current values.',
  explainPathShare: () => 'This path gives',
  explainTotal: (paths: number) => (paths === 1 ? 'The product of the factors' : 'The sum over the paths'),
  explainAutodiff: () => 'Automatic differentiation gives',
  explainCellValue: () => 'This cell shows',
  explainAgrees: () => 'the same number, to float64 precision.',
  explainDiffers: () => 'a different number: the hand-written partial does not follow the chain rule here.',
  explainNoCellValue: () => "This cell has no value of the weight's shape to compare.",
  gradNoPath: (of: string, wrt: string) => `${of} does not depend on ${wrt}, so there is nothing to differentiate`,
  plotDrawFailed: (detail: string) => `The plot could not be drawn: ${detail}`,
  plotCannotDraw: () => 'The plot cannot be drawn:',
  plotBeyond: (n: number, limit: number) =>
    `${n.toLocaleString('en-US')} ${n === 1 ? 'point' : 'points'} beyond ±${limit.toExponential().replace('e+', 'e')} not drawn.`,
  plotNotPositive: (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'point' : 'points'} ≤ 0 not drawn on the log scale.`,
  // ```network blocks (format/network-block.ts, network/compile.ts, components/gs-network.ts)
  networkLine: (line: string) => `"${line}" is not part of a network: write a line such as "layers: x, h1, y_hat", "weights: Theta1, Theta2" or "title: …".`,
  networkNoneHere: (key: string) => `"-" (none) cannot stand in ${key}: every layer and every weight matrix is a cell or a formula.`,
  networkFewLayers: (n: number) => `This network has ${plural(n, 'layer')}: list at least two, input first, in a line such as "layers: x, h1, y_hat".`,
  networkWeightCount: (weights: number, layers: number) =>
    `This network has ${plural(layers, 'layer')} and ${plural(weights, 'weight matrix', 'weight matrices')}: it needs one matrix between each layer and the next (${layers - 1}).`,
  networkListLength: (key: string, n: number, expected: number) =>
    `"${key}" lists ${plural(n, 'item')}, but the network has ${plural(expected, 'weight matrix', 'weight matrices')}: give one per matrix, "-" where there is none.`,
  networkWeightsMeet: (a: string, aShape: string, b: string, bShape: string) =>
    `${a} is ${aShape} but ${b} is ${bShape}: in Θᵀx each matrix has one row per unit of the layer below and one column per unit of the layer above, so ${b} needs as many rows as ${a} has columns.`,
  networkLayerShape: (layer: string, shape: string, units: number, weight: string, weightShape: string) =>
    `${layer} is ${shape}, but ${weight} (${weightShape}) gives its layer ${plural(units, 'unit')}: a layer is a column of ${units} (one sample) or has ${units} columns (one sample per row). With a bias, give it as its own cell in "bias:", not as a row of ${weight}.`,
  networkSamples: (layer: string, rows: number, other: string, otherRows: number) =>
    `${layer} holds ${plural(rows, 'sample')} but ${other} holds ${otherRows}: every layer needs the same samples, one per row.`,
  networkLikeShape: (what: string, item: string, shape: string, expected: string) => `The ${what} ${item} is ${shape}, but it must be ${expected}.`,
  networkLossNotCell: (item: string) =>
    `The loss cannot give the gradient of ${item}, which is not a cell: name the cells holding it in "gradients:" (or "deltas:"), or "-".`,
  networkDepth: (text: string, value: string, max: number) =>
    `depth = ${text} is ${value}: it must be a whole number from 1 to ${max}, the hidden layers listed.`,
  networkTooLarge: (edges: number, cap: number) =>
    `This network would draw ${edges.toLocaleString('en-US')} edges; the limit is ${cap.toLocaleString('en-US')}.`,
  networkUnits: (n: number) => `${plural(n, 'unit')} like its layer (a column, or ${n} columns with one sample per row)`,
  networkTooMuchWork: (cap: number) =>
    `This network diagram would take more work than one diagram may do (${cap.toExponential(0)} units, about half a second): draw smaller matrices.`,
  networkCannotDraw: () => 'The network cannot be drawn:',
  networkConvention: () => "Edges follow the lecture's s = Θᵀh: entry Θ[j,k] joins unit j of one layer to unit k of the next.",
  networkWeightsSwitch: () => 'edges show ∂E/∂Θ',
  networkUnitsSwitch: () => 'neurons show s, h and δ',
  networkSample: () => 'sample',
  networkShowsGradient: () => 'Edges show the gradient ∂E/∂Θ: blue positive, orange dashed negative, width its size.',
  networkShowsWeights: () => 'Edges show the weights: blue positive, orange dashed negative, width their size.',
  networkNoGradient: () => 'no gradient given',
  networkComputed: (cell: string) => `${cell} is computed: edit the cells it reads.`,
  networkKeys: () =>
    'Arrow keys move between neurons and edges; on an edge, Enter goes to its entry, + and − (or ↑ and ↓) change it, and dragging it up or down does too.',
  networkEdgeText: (weight: string, gradient: string | undefined) => (gradient === undefined ? weight : `${weight}, ∂E/∂Θ ${gradient}`),
  networkDrag: (entry: string) => `drag ${entry}`,
  networkLabel: (title: string) => `Network: ${title}`,
  networkRole: () => 'network diagram',
  networkBiasUnit: (name: string) => `${name} = 1`,
  /** A neuron's accessible name: "h1[2]: h = 0.921, s = 2.45, δ = −0.00321". */
  networkUnit: (name: string, h: string, s?: string, d?: string) =>
    `${name}: ${[`h = ${h}`, ...(s === undefined ? [] : [`s = ${s}`]), ...(d === undefined ? [] : [`δ = ${d}`])].join(', ')}`,
  /** What a neuron shows under it with the s, h and δ switch on. */
  networkUnitLines: (h: string, s?: string, d?: string) => [...(s === undefined ? [] : [`s ${s}`]), `h ${h}`, ...(d === undefined ? [] : [`δ ${d}`])],
  networkEdgeSaid: (name: string, text: string) => `${name} = ${text}.`,
  trainStopped: (step: number) => `Stopped at step ${step}.`,
  trainStoppedByEdit: () => 'Stopped: a cell was edited while training.',
  trainReachedTarget: (target: number, step: number) => `Reached the target loss ${target} at step ${step}.`,
  trainRan: (steps: number) => `Ran ${steps} steps.`,
  trainRestored: () => 'Weights restored from your last visit (the step count and the loss curve are not kept).',
  trainBlocked: (line: number, detail: string) => `line ${line}: ${detail}`,
  embedNoCell: (name: string, suggestion?: string) =>
    `This workbook has no cell named "${name}".` + (suggestion ? ` Did you mean ${suggestion}?` : " Check the name attribute against the workbook's cells."),
  embedNoName: () => 'This cell has no name: set its name attribute to the name of a cell of the workbook, as in name="h1".',
  embedNoWorkbook: (name?: string) =>
    `${name ? `The cell "${name}"` : 'This cell'} has no workbook: set its workbook attribute to the workbook's URL, as in workbook="/workbooks/07-backpropagation.md".`,
  embedNoInline: (id: string) =>
    `This page has no workbook with the id "${id}": workbook="#${id}" must name a <gs-workbook> or a <script type="text/x-gradsheet"> of the page.`,
  embedInlineEmpty: (id: string) =>
    `The <gs-workbook id="${id}"> has no workbook: give it a src attribute or a <script type="text/x-gradsheet"> with the workbook's text.`,
  loadFailed: (url: string, detail: string) => `Could not load the workbook ${url}: ${detail}.`,
  galleryNotListed: (w: string) => `This site opens only its own workbooks, and "${w}" is not one of them: choose a workbook from the list of all workbooks.`,
  loadTooLarge: (bytes: number, cap: number) => `the file is ${bytes.toLocaleString('en-US')} bytes; the limit is ${cap.toLocaleString('en-US')}`,
  loadNetwork: () => 'the network request failed',
  loadTimeout: (seconds: number) => `the server did not send the whole file within ${seconds} seconds; check the address, or reload the page to try again`,
  loadIsHtml: () => 'this address is a web page, not a workbook (a server may have sent its login, error or home page instead): check the address',
  sliderNotScalar: (name: string) =>
    `A slider needs an input cell holding one number, and ${name} is not one: remove "slider:" or make ${name} a single number.`,
  blockEmpty: () => 'This ```cells block has no cells: add lines such as "x = [1; -0.5]".',

  nameInvalid: (name: string) => `"${name}" is not a valid cell name: start with a letter and use letters, digits and _ (e.g. Theta1, dE_dh1).`,
  nameReserved: (name: string, what: string) => `"${name}" is ${what}, so a cell cannot be called that: choose another name (e.g. ${name}_1).`,
  nameOperator: (name: string, ch: string, op: string) =>
    `"${name}" is not a name: ${ch} is not a letter, and not an operator in formulas either: write ${op} (e.g. ${name.replace(ch, ` ${op} `)}).`,
  nameLookalike: (name: string, ch: string, code: string, plain: string, plainCode: string) =>
    `"${name}" uses ${ch} (${code}), another way of writing ${plain} (${plainCode}) that looks the same: type the plain letter ${plain}.`,
  nameCharacter: (name: string, ch: string, code: string) =>
    `"${name}" uses ${ch} (${code}), which is not a letter a name may use: names use letters (Latin or Greek), digits and _.`,
  nameConfusable: (name: string, other: string, line: number) =>
    `"${name}" looks the same as the cell "${other}" on line ${line} but is spelled with other letters (such as Greek Α for Latin A): rename one of them.`,
  nameRefusedHere: (name: string) => `"${name}" is the name of a cell whose name is refused: rename that cell, then use its new name here.`,
  nameDuplicate: (name: string, line: number) => `A cell named "${name}" is already defined on line ${line}: rename one of them.`,
  nameUnknown: (name: string, suggestion?: string) =>
    `"${name}" is not defined: no cell or constant has that name.` + (suggestion ? ` Did you mean ${suggestion}?` : ''),
  cycle: (path: readonly string[]) => `Circular definition: ${path.join(' → ')}. A cell cannot depend on itself; break the loop.`,

  syntax: (detail: string) => `Syntax error: ${detail}.`,
  formulaEmpty: () => 'The formula is empty: type an expression such as sigmoid(s1).',
  forbidden: (what: string) => `${what} is not allowed in a formula.`,
  assignment: () => 'Assignments ("a = …") are not allowed inside a formula: a cell is defined by its line "name = formula" only.',
  functionDefinition: () => 'Function definitions ("f(x) = …") are not allowed in formulas: use the built-in functions.',
  propertyAccess: () => 'Property access with "." is not allowed: use indexing such as Theta1[1, 3], or .* ./ .^ for element-wise operations.',
  strings: () => 'Text values are not allowed in formulas: formulas work on numbers and matrices.',
  functionUnknown: (name: string, suggestion?: string) =>
    `"${name}" is not a function gradsheet knows.` + (suggestion ? ` Did you mean ${suggestion}?` : ' The README lists the built-in functions.'),
  functionDisabled: (name: string) => `"${name}" is disabled in formulas: a formula can only compute with numbers and matrices.`,
  notAFunction: (name: string) => `"${name}" is a cell, not a function: to multiply, write ${name} * (…).`,
  arity: (name: string, expected: string, got: number) => `${name} takes ${expected}, but got ${got}.`,
  argument: (name: string, detail: string) => `${name}: ${detail}.`,
  shape: (a: string, shapeA: string, b: string, shapeB: string, detail: string) => `Shape mismatch: ${a} is ${shapeA} and ${b} is ${shapeB}; ${detail}.`,
  shapeOne: (a: string, shapeA: string, detail: string) => `Shape mismatch: ${a} is ${shapeA}; ${detail}.`,
  index: (detail: string) => `Index out of range: ${detail}.`,
  tooLong: (length: number, cap: number) => `The formula is ${length} characters long; the limit is ${cap}. Split it over several cells.`,
  tooDeep: (cap: number) => `The formula nests deeper than ${cap} levels: split it over several cells.`,
  tooLarge: (what: string, entries: number, cap: number) =>
    `${what} would have ${entries.toLocaleString('en-US')} entries; the limit is ${cap.toLocaleString('en-US')}.`,
  tooMuchWork: (what: string, ops: number, cap: number) => `${what} would take ${ops.toExponential(1)} multiplications; the limit is ${cap.toExponential(0)}.`,
  nonFinite: (value: number, where: string) =>
    `The result is ${value}${where}: ${Number.isNaN(value) ? 'an undefined operation (0/0, log of a negative, …)' : 'a division by zero or an overflow'} happened.` +
    (Number.isNaN(value) ? ' Check the values it uses.' : ' Check for a division by zero, log(0), or exp or ^ of a large number.'),
  noDerivative: (name: string) => `no derivative for ${name}: gradients cannot pass through it.`,
  noDerivativeWhole: (text: string, arg: string) =>
    `no derivative of ${text} with respect to ${arg}: it must be a whole number (a count, a size, a seed or a dimension), so gradients cannot pass through it.`,
  noDerivativeIndex: (text: string, index: string) =>
    `no derivative of ${text} with respect to the position ${index}: positions are whole numbers, so gradients cannot pass through them.`,
  powerOfNegative: () => 'a ^ b with respect to b where a is negative (a negative number has a power only at whole exponents)',
  gradOfNumber: (of: string, wrt: string) => `grad(${of}, ${wrt}) needs ${of} to be a single number (a loss); sum it first, e.g. sum(${of})`,

  // Why a cell name is reserved (the "what" of nameReserved)
  reasonFunction: () => 'a built-in function',
  reasonConstant: () => 'a built-in constant',
  reasonKeyword: () => 'a keyword of the formula language',
  reasonDisabled: () => 'a reserved function name',
  reasonJavascript: () => 'a name every JavaScript object already has',

  // The parts of formula messages: what is not allowed, what does not fit, which index
  quoted: (text: string) => `"${text}"`,
  theOperator: (op: string) => `The operator "${op}"`,
  callingAResult: () => 'Calling the result of an expression',
  matrix3d: () => 'A matrix with more than two dimensions',
  severalExpressions: () => 'Several expressions separated by ; or a new line',
  anObject: () => 'An object { … }',
  chainedComparison: () => 'A chained comparison such as a < b < c (write (a < b) and (b < c))',
  gradHere: () => 'grad(…) here',
  gradUsage: () => 'grad(E, Theta1) takes two cell names: the cell to differentiate and the cell to differentiate with respect to',
  endOutsideIndex: () => '"end" can only be used inside an index, as in X[2:end, 1]',
  functionNotCalled: (name: string) => `${name} is a function: call it with parentheses, as in ${name}(x)`,
  indexCount: () => 'write one index (a vector) or two (row, column), as in Theta1[1, 3]',
  indexOutside: (target: string, size: number, what: 'entry' | 'row' | 'column', k: number) =>
    `${target} has ${size} ${size === 1 ? what : { entry: 'entries', row: 'rows', column: 'columns' }[what]}, ` +
    `so ${k} is not ${what === 'entry' ? 'an' : 'a'} ${what} of it (indices start at 1)`,
  argNumber: (what: string, rows: number, cols: number) => `${what} must be a number, not a ${rows}×${cols} matrix`,
  argWhole: (what: string, min: number, got: number) => `${what} must be a whole number ≥ ${min}, not ${got}`,
  argLabel: (row: number, got: number, k: number) => `label ${row} is ${got}, but labels are whole numbers from 1 to ${k}`,
  argDimension: (got: number) => `the dimension must be 1 (down each column) or 2 (along each row), not ${got}`,
  argEmpty: () => 'the matrix is empty',
  sizesWhole: (rows: number, cols: number) => `sizes must be whole numbers ≥ 0, not ${rows} and ${cols}`,
  rangeStep: () => 'the step must be a finite number other than 0',
  shapeBroadcast: (verb: string) => `cannot ${verb} them element by element (the sizes must match, or one must be 1)`,
  shapeMatmul: (aCols: number, bRows: number) => `cannot multiply them: the columns of the first (${aCols}) must equal the rows of the second (${bRows})`,
  shapeDivide: () => 'a matrix can only be divided by a number here; use ./ to divide element by element',
  shapePower: () => '^ raises numbers only; use .^ to raise a matrix element by element',
  shapeDot: () => 'a dot product needs two vectors of the same length',
  shapeAccuracy: (predicted: number, labels: number) =>
    `accuracy needs one class per sample in both: the first gives ${predicted}, the second ${labels} (Y is one-hot rows of P's shape, or a column of labels)`,
  shapeCondition: () => 'the condition of "? :" must be a single number',
  shapeBlockRows: () => 'blocks side by side in a matrix need the same number of rows',
  shapeRowWidths: (first: number) => `every row of a matrix needs the same number of columns (row 1 has ${first})`,
  shapeOneIndex: (target: string) => `one index selects from a vector; write two, as in ${target}[i, j]`,
  matrixRow: (row: number, texts: readonly (readonly string[])[]) => `row ${row} of [${texts.map((t) => t.join(', ')).join('; ')}]`,
  wide: (columns: number) => `${columns} wide`,
  theRange: (parts: readonly number[]) => `The range ${parts.join(':')}`,
  /** " at [2,1]": where in a matrix, for messages about one entry. */
  at: (row: number, col: number) => ` at [${row},${col}]`,

  // Numbers (formula/value.ts, "Numbers") and resources (limits.ts, formula/budget.ts)
  nanResult: (what: string, where: string) =>
    `${what} is not a number (NaN)${where}: an undefined operation happened (0/0, ∞ − ∞, 0·∞, or log or sqrt of a negative number; there are no complex numbers). Check the values it uses.`,
  nonFiniteLiteral: (text: string) => `${text} is not a finite number: every value is a finite float64 (at most about 1.8e308 in size).`,
  tooDeepChain: (cap: number) => `The formula chains more than ${cap} operations inside one another: split it over several cells.`,
  tooMuchWorkFormula: (cap: number) =>
    `The formula would take more work than one cell may do (${cap.toExponential(0)} units, about half a second): split it over several cells or use smaller matrices.`,
  tooMuchWorkWorkbook: (cap: number) =>
    `Not computed: this workbook's budget for one recompute (${cap.toExponential(0)} units, about a second, for all of its cells together) ran out before this cell. Change an input or this formula to compute it again, or split the work over smaller matrices.`,
  tooMuchWorkCheck: (cap: number) =>
    `This gradient check would take more work than one check may do (${cap.toExponential(0)} units for autodiff and every central difference together, about half a second): check a smaller variable or use smaller matrices.`,
  tooMuchWorkStep: (cap: number) =>
    `One training step would take more work than a step may do (${cap.toExponential(0)} units, about half a second), so the run stopped before it; nothing was changed. Use smaller matrices or fewer data points.`,
  tooMuchWorkPlot: (cap: number) =>
    `This plot would take more work than one plot may do (${cap.toExponential(0)} units, about half a second): plot fewer points or use smaller matrices.`,
  tooLongSide: (what: string, rows: number, cols: number, cap: number) =>
    `${what} would be ${side(rows)}×${side(cols)}; a matrix may have at most ${cap.toLocaleString('en-US')} rows and as many columns (even with no entries).`,
  tooManyCells: (cells: number, cap: number) =>
    `This workbook has ${cells.toLocaleString('en-US')} cells; the limit is ${cap.toLocaleString('en-US')}. Split it into several workbooks.`,
  fileNotUtf8: () => 'The workbook file is not UTF-8 text (some bytes are not valid UTF-8): save it as UTF-8 Markdown.',
  fileIsHtml: () =>
    'This address is a web page (an HTML page), not a workbook: check the address (a server may have sent its error page or home page instead).',
  slideWrongAlone: () => 'slide-wrong needs a "slide:" value on this cell: what does the slide say?',
  thrownNonError: (text: string) => `a non-Error was thrown: ${text}`,
  thrownUnreadable: () => 'something was thrown that cannot even be described',

  entryEmpty: (at: string) => `${at} is empty: type a number.`,
  entryNotNumber: (at: string, text: string) => `${at}: "${text}" is not a number. Type a number such as -1.5 or 2e-3.`,
  entryNotScalar: (at: string, text: string) => `${at}: "${text}" is not a single number.`,
  entryNonFinite: (at: string, text: string) =>
    `${at}: "${text}" is not a finite number. Type a number between about -1.8e308 and 1.8e308, such as -1.5 or 2e-3.`,

  slideDiffers: (detail: string) =>
    `The cell does not agree with the slide: ${detail}. Fix the formula or the slide value; if the slide itself is wrong, add a line "slide-wrong: <why>" under the cell.`,
  slideKnownWrong: (detail: string, reason: string) => `The slide is marked as wrong (${detail}): ${reason}`,
  slideWrongAgrees: () => 'The slide is marked as wrong, but the values agree: remove the "slide-wrong:" line.',
  // How a slide comparison agreed, as the cell says it beside "✓ agrees"
  slideExactly: () => 'exactly',
  slideWithin: (tolerance: string) => `within the author's ±${tolerance}`,
  slideAsPrinted: (how: 'rounded' | 'truncated' | 'rounded or truncated') => `${how} to the digits the slide prints`,
  checkDiffers: (of: string, wrt: string, detail: string) =>
    `The gradient check against grad(${of}, ${wrt}) fails: ${detail}. Fix the derivation; if it is wrong on purpose (a teaching example), add a line "check-fails: <why>" under the cell.`,
  checkKnownFails: (detail: string, reason: string) => `The derivation is marked as wrong and the check fails (${detail}): ${reason}`,
  checkFailsPasses: () => 'The derivation is marked as wrong, but the gradient check passes: remove the "check-fails:" line.',
  fileUnreadable: (file: string, detail: string) => `Could not read ${file}: ${detail}.`,
  fileMissing: () => 'no such file',
  fileNotRegular: (kind: string) => `it is ${kind}, not a regular file: only workbook files are read`,

  internal: (detail: string) => `Internal error (please report it): ${detail}`,

  // Saving, sharing, pasting and undoing (src/store, the toolbar)
  notSavingBlocked: (detail: string) =>
    `Your edits are not being saved: this browser does not let this page use its storage (${detail}). They last until the page is closed; Share makes a link that keeps them.`,
  notSavingFull: () =>
    "Your edits are not being saved: the browser's storage for this site is full. They last until the page is closed; Share makes a link that keeps them. The next edit is saved again once there is room.",
  notSavingFailed: (detail: string) =>
    `Your edits are not being saved: the browser refused to store them (${detail}). They last until the page is closed; Share makes a link that keeps them.`,
  notSavingCorrupt: () =>
    'The edits saved for this workbook in this browser could not be read, so they were not restored. Your new edits are not being saved either, so that the unreadable record is left as it is.',
  notSavingUnavailable: () => 'Your edits are not being saved: this browser offers no storage to this page.',
  discardCorrupt: () => 'Discard the unreadable record and save again',
  restoredChanged: (dropped: readonly string[]) =>
    dropped.length
      ? `This workbook changed since your edits were saved. Your edits to ${list(dropped)} could not be kept: ${dropped.length === 1 ? 'that cell was' : 'those cells were'} removed, or changed shape or kind. Every other edit was restored.`
      : 'This workbook changed since your edits were saved; all of them still apply and were restored.',
  restoredDropped: (dropped: readonly string[]) =>
    `Your edits to ${list(dropped)} could not be restored: ${dropped.length === 1 ? 'that cell does' : 'those cells do'} not take them (removed, or of another shape or kind). Every other edit was restored.`,
  restoredRun: () => 'This page was left during a training Run: the weights it had reached were saved, and are shown again.',
  recoveryOffer: (source: 'saved' | 'shared', names: readonly string[]) =>
    `Opening this workbook last time did not finish applying ${source === 'shared' ? "a shared link's edits" : 'your saved edits'} (to ${list(names)}): the page may have frozen or crashed. So nothing was applied this time, and the workbook shows its own values.`,
  recoveryRestore: (names: readonly string[]) => `Restore them (${plural(names.length, 'cell')}: ${list(names)})`,
  recoveryDiscard: () => 'Discard them',
  recoveryDetails: () => 'What it was applying',
  backupOffer: () => 'A shared link replaced your own edits in this browser; they are kept until you choose.',
  backupRestore: (names: readonly string[]) => `Restore your own edits (${plural(names.length, 'cell')}: ${list(names)})`,
  backupDiscard: () => 'Discard your own edits',
  otherTabTaken: (names: readonly string[]) => `Another tab saved this workbook: its edits to ${list(names)} are shown here too (Undo takes them back).`,
  otherTabKept: (names: readonly string[]) =>
    `This tab and another both changed ${list(names)}: this tab kept its own and saved it; the other tab's ${names.length === 1 ? 'edit is' : 'edits are'} below.`,
  otherTabDetails: () => "The other tab's edits",
  sharedApplied: (dropped: readonly string[], changed: boolean) =>
    `This page opened a shared link: its edits are applied (Undo takes them back; your own edits, if you had any, are kept).${changed ? ' The link was made from another version of this workbook.' : ''}${dropped.length ? ` Its edits to ${list(dropped)} could not be applied: ${dropped.length === 1 ? 'that cell was' : 'those cells were'} removed, or changed shape or kind.` : ''}`,
  sharedUnreadable: (detail: string) => `This page's shared link could not be read (${detail}); the workbook shows its own values.`,
  shareCopied: () => 'Link copied. It opens this workbook with every value you changed.',
  shareNotCopied: () => 'Copy this link; it opens this workbook with every value you changed.',
  pasted: (rows: number, cols: number, at: string) => `Pasted ${rows}×${cols} at ${at}.`,
  pastedCut: (block: string, into: string, at: string, rowsOut: number, colsOut: number, entriesOut: number) =>
    `${block} pasted into a ${into} matrix at ${at}: ${[rowsOut ? plural(rowsOut, 'row') : '', colsOut ? plural(colsOut, 'column') : ''].filter(Boolean).join(' and ')} did not fit (${plural(entriesOut, 'entry', 'entries')} left out).`,
  pasteEmpty: () => 'The clipboard holds no numbers to paste.',
  pasteTooLarge: (length: number, max: number) =>
    `Nothing pasted: the clipboard holds ${length.toLocaleString('en')} characters, more than the ${max.toLocaleString('en')} a paste may have.`,
  copied: (name: string, as: string) => `Copied ${name} as ${as}.`,
  copyFailed: (detail: string) => `Could not copy: ${detail.replace(/\.$/, '')}.`,
  undone: (what: string) => `Undone: ${what}.`,
  redone: (what: string) => `Redone: ${what}.`,
  nothingToUndo: () => 'Nothing to undo.',
  nothingToRedo: () => 'Nothing to redo.',
  reset: () => "Reset: every cell has the workbook's own values again. Undo brings your edits back.",
  nothingToReset: () => "Nothing to reset: every cell has the workbook's own values.",
  // Data files: csv("points.csv"), beside the workbook.
  dataNotWhole: () =>
    'csv("…") is a whole formula of its own: write the data in a cell such as D = csv("points.csv"), then use D in other formulas (X = D[:, 1:2]).',
  dataTyped: () =>
    'Data files are named in the workbook file only: a formula typed here cannot read one. Restore the formula, or ask the author to add the file.',
  dataPathAbsolute: (file: string) =>
    `"${file}" is refused: a data file is named by a path relative to the workbook, in its folder or below it (e.g. csv("points.csv") or csv("data/points.csv")), never an absolute path.`,
  dataPathAddress: (file: string) =>
    `"${file}" is refused: a data file is read from the workbook's own folder, never from another address (http:, data:, …). Save the file beside the workbook and name it, e.g. csv("points.csv").`,
  dataPathUp: (file: string) => `"${file}" is refused: a data file must be in the workbook's folder or below it ("." and ".." are not allowed in its path).`,
  dataPathCharacters: (file: string) =>
    `"${file}" is refused: a data file's path uses letters, digits, "_", "-", "." and "/" between folders only (no spaces, "%", "?", "#", "\\" or hidden files).`,
  dataPathNotCsv: (file: string) => `"${file}" is refused: csv(…) reads a .csv file; name one ending in .csv.`,
  dataTooManyFiles: (count: number, cap: number) => `This workbook reads ${count} data files; the limit is ${cap}. Combine some of them.`,
  dataNotRead: (file: string) => `${file} has not been read: this workbook was computed without its data files (it was opened from its text alone).`,
  dataUnreadable: (file: string, detail: string) => `${file} could not be read: ${detail.replace(/\.$/, '')}.`,
  dataMissing: () => 'there is no such file beside the workbook',
  dataNotRegular: (kind: string) => `it is ${kind}, not a regular file: only regular files are read as data`,
  dataOutside: () => "it leads outside the workbook's folder (a symbolic link?)",
  dataNoFolder: (protocol: string) => `this workbook was opened from a ${protocol} address, which has no folder to read data files from`,
  dataOtherOrigin: (url: string) => `it resolves to ${url}, outside the workbook's own folder on its own site`,
  dataIsHtml: () => 'the server sent a web page, not a CSV file (a login, error or home page?): check that the file is beside the workbook',
  dataTooLarge: (file: string, bytes: number, cap: number) =>
    `${file} is ${bytes.toLocaleString('en-US')} bytes; the limit for a data file is ${cap.toLocaleString('en-US')}. Use a smaller sample of the data.`,
  dataTooManyEntries: (file: string, rows: number, cols: number, cap: number) =>
    `${file} has ${rows.toLocaleString('en-US')} rows of ${cols} numbers, more than the ${cap.toLocaleString('en-US')} numbers a data file may hold. Use a smaller sample of the data.`,
  dataEmpty: (file: string) => `${file} holds no numbers: write one row of comma-separated numbers per line (a first line of column names is allowed).`,
  dataBinary: (file: string) => `${file} is not text (it contains NUL bytes): save it as CSV, comma-separated numbers.`,
  dataNotNumber: (file: string, line: number, col: number, text: string) =>
    `${file} line ${line}, column ${col}: "${text.length > 40 ? text.slice(0, 40) + '…' : text}" is not a number. Write plain numbers such as 0.25, -3 or 1e-3 (a first line of column names is allowed).`,
  dataEmptyValue: (file: string, line: number, col: number) =>
    `${file} line ${line}, column ${col}: the value is empty. Every row needs a number in every column.`,
  dataRowLength: (file: string, line: number, count: number, expected: number, firstLine: number) =>
    `${file} line ${line}: ${plural(count, 'value')}, where line ${firstLine} has ${expected}. Every row needs the same number of columns.`,
  dataTooLargeToInline: (bytes: number, cap: number) =>
    `With its data files written in, this workbook is ${bytes.toLocaleString('en-US')} bytes, more than the ${cap.toLocaleString('en-US')} one workbook may have: build a site (--out) instead of a single file.`,
  dataBlankLine: (file: string, line: number) => `${file} line ${line} is blank: only the end of the file may have blank lines. Remove it.`,
  dataHeader: (file: string, col: number) => `${file} line 1, column ${col}: a column name is empty. Name every column, or leave out the line of names.`,
  texTooLong: (chars: number, cap: number) =>
    `This math is ${chars.toLocaleString('en-US')} characters of TeX; the limit is ${cap.toLocaleString('en-US')}. Shorten it.`,
  texTooManySymbols: (cap: number) => `This math has more than ${cap.toLocaleString('en-US')} symbols, too many to lay out. Shorten it.`,
  texMacroDefinition: (command: string) => `This math defines a macro (${command}); workbooks may not define macros. Write the TeX out.`,
  markdownTooLong: (chars: number, cap: number) =>
    `This text is ${chars.toLocaleString('en-US')} characters; the limit is ${cap.toLocaleString('en-US')}. Split it.`,
  workbookTexTotal: (what: string, symbols: number, chars: number, cap: number) =>
    `This ${what} is not typeset: with its ${symbols.toLocaleString('en-US')} symbols, the workbook's math would pass its total of ${chars.toLocaleString('en-US')} characters of TeX or ${cap.toLocaleString('en-US')} symbols. Shorten the workbook's math or split the workbook.`,
  workbookMarkdownTotal: (what: string, chars: number, cap: number) =>
    `This ${what} is not rendered: with its ${chars.toLocaleString('en-US')} characters, the workbook's prose and captions would pass their total of ${cap.toLocaleString('en-US')} characters. Split the workbook.`,

  // Exercises ("exercise:", src/exercise, components/gs-exercise.ts)
  mistakeSyntax: (text: string) =>
    `"${text}" is not a mistake: write "mistake: FORMULA — what to say", e.g. "mistake: dE_ds2 * Theta2 — You used Θ2 where h1 belongs".`,
  hidesSyntax: (text: string) => `"${text}" is not what an exercise hides: write "hides: dependents" (the cells that read it stay hidden until it is solved).`,
  exerciseAlone: () => 'hint:, mistake: and hides: belong to an exercise: add a line "exercise:" (with an optional instruction) to this cell.',
  exerciseInput: (name: string) => `${name} is an input cell, so there is nothing to compute by hand: put "exercise:" on a formula cell.`,
  exerciseMistakeFormula: (detail: string) => `The mistake's formula cannot be used: ${detail}`,
  exerciseMistakeFails: (formula: string, detail: string) => `The mistake "${formula}" does not compute: ${detail}`,
  exerciseMistakeEqual: (formula: string) =>
    `The mistake "${formula}" gives the right answer's numbers, so a right answer would be told it is this mistake: change the formula, or remove the line.`,
  exerciseMistakeShape: (formula: string, shape: string, answer: string) =>
    `The mistake "${formula}" is ${shape} but the answer is ${answer}: a student's grid can never match it.`,
  exerciseTooLarge: (entries: number, cap: number) =>
    `This exercise's value has ${entries.toLocaleString('en-US')} entries; an answer grid holds at most ${cap}: make the exercise a smaller part of the computation.`,
  exerciseNoHint: () => 'This workbook asks for a hint on every exercise ("hints: required"), and this one has none: add a line "hint: …".',
  hintsSetting: (text: string) => `"${text}" is not a hints setting: write "hints: required" (every exercise needs a hint: line).`,
  // On the page
  exerciseHeading: () => 'Your answer',
  exerciseEntry: (name: string, at: string) => `${name} answer${at}`,
  exerciseRight: (at: string) => `${at}: right.`,
  exerciseWrong: (at: string) => `${at}: not right yet.`,
  exerciseNotNumber: (at: string, text: string) => `${at}: "${text}" is not a number. Type a number such as -0.07.`,
  exerciseSolved: () => 'Solved: every entry is right.',
  exerciseCounts: (right: number, total: number) => `${right} of ${plural(total, 'entry', 'entries')} right.`,
  exerciseHint: (k: number, n: number) => `Hint ${k} of ${n}:`,
  exerciseNextHint: () => 'Next hint',
  exerciseShowAnswer: (name: string) => `Show answer (${name})`,
  exerciseHideAnswer: (name: string) => `Hide answer (${name})`,
  exerciseAnswerIs: () => 'The answer:',
  exerciseAnswerShown: () => 'Answer shown (Undo hides it again).',
  exerciseNotComputed: () => 'The answer cannot be computed right now, so entries cannot be graded: see the error of the cells it reads.',
  exerciseHidden: (name: string) => `Solve the exercise ${name} first: this cell is shown once it is solved.`,
  exerciseProgress: (solved: number, total: number) => `${solved} of ${plural(total, 'exercise')} solved`,
  exerciseInstructor: () => 'Instructor view: every answer is shown.',
  exerciseStatic: () => 'An exercise: compute it by hand (the page grades your answer once it has loaded).',
  answerEdit: (name: string, at: string) => `${name} answer${at}`,
  answerShownEdit: (name: string) => `Show answer ${name}`,
  // Present mode (components/present-mode.ts) and the printed handout (gradsheet build --pdf)
  presentButton: () => 'Present',
  presentHint: () => 'Show this workbook as slides, one section a slide (← → move, Escape leaves)',
  presentBarLabel: () => 'Slides',
  presentSlideNumber: (n: number, total: number) => `${n} / ${total}`,
  presentSlideAnnounce: (n: number, total: number, heading: string) => `Slide ${n} of ${total}${heading ? `: ${heading}` : ''}`,
  presentPrevious: () => 'Previous',
  presentNext: () => 'Next',
  presentLeave: () => 'Leave',
  pdfNoChromium: () =>
    'gradsheet build --pdf prints with Chromium (or Chrome), and found none: install it (apt-get install chromium) or name it with CHROME_PATH=/path/to/chromium.',
  pdfBrowserMissing: (file: string, detail: string) => `Could not start Chromium at ${file} (${detail}): name another with CHROME_PATH.`,
  pdfBrowserExited: (status: string, last: string) => `Chromium stopped before the handout was printed (exit ${status})${last ? `: ${last}` : ''}.`,
  pdfTimeout: (seconds: number) => `The handout's page did not finish computing within ${seconds} s, so nothing was printed.`,
  pdfNoWorkbook: () => "The handout's page showed no workbook, so nothing was printed.",
  pdfFailed: (detail: string) => `gradsheet build --pdf: the handout could not be printed: ${detail.replace(/\.$/, '')}.`,
  // The page: labels, buttons, accessible names and titles of the components (components/*.ts)
  // A cell (gs-cell)
  loadingCell: (name: string) => `Loading ${name}…`,
  noValue: () => 'no value',
  slideValueError: (message: string) => `Slide value: ${message}`,
  showLess: () => 'Show less',
  showAll: (rows: number, cols: number) => `Show all ${rows}×${cols}`,
  cellValue: (name: string) => `${name} value`,
  cellFormula: (name: string) => `${name} formula`,
  cellSlider: (name: string) => `${name} slider`,
  restoreFormula: (name: string) => `Restore ${name} formula`,
  restoreFormulaTitle: () => "Restore the workbook's formula",
  restore: () => 'Restore',
  slideSays: () => 'Slide says',
  slideAgreesVerdict: () => '✓ agrees',
  slideDiffersVerdict: (knownWrong: boolean) => `✗ differs${knownWrong ? ' — the slide is wrong' : ''}`,
  slideAgainstComputed: (slide: string, computed: string) => `slide ${slide}, computed ${computed}`,
  slideMarkedButAgrees: () => 'Marked as a slide error, but the values agree.',
  gradCheckUnavailable: () => 'Gradient check unavailable',
  hasAnError: (name: string) => `${name} has an error`,
  gradCheckPasses: () => '✓ Gradient check passes',
  gradCheckFails: (expected: boolean) => `✗ Gradient check fails${expected ? ' (as expected)' : ''}`,
  checkEntry: () => 'entry',
  checkThisCell: () => 'this cell',
  checkAutodiff: () => 'autodiff',
  checkFiniteDiff: () => 'finite diff.',
  checkValue: () => 'value',
  checkAgainst: () => 'against',
  checkByAutodiff: () => 'by automatic differentiation:',
  checkLargestDifference: (difference: string) => `largest relative difference ${difference}`,
  checkAgreeTo: (difference: string) => `; autodiff and central differences agree to ${difference}`,
  checkTooLargeForDifferences: () => '; too large for finite differences',
  checkCompareEntries: (n: number) => `Compare ${n} entries`,
  dependsOn: () => 'Depends on',
  whichHasAnError: () => ', which has an error.',
  lineColumn: (line: number, col: number) => `line ${line}, column ${col}`,
  // The list of workbooks (gs-gallery)
  loadingWorkbooks: () => 'Loading the workbooks…',
  allWorkbooks: () => 'All workbooks',
  workbooksNav: () => 'Workbooks',
  workbooksNavAt: (where: string) => `Workbooks, ${where}`,
  galleryUnlisted: (index: string, detail: string) => `Could not list the workbooks (${index}): ${detail}`,
  galleryEntryUnloaded: () => 'This workbook could not be loaded.',
  // The dependency graph (gs-graph)
  graphKeyInput: () => 'input',
  graphKeyFormula: () => 'formula',
  graphKeyError: () => 'error',
  graphHint: () => 'An arrow goes from a cell to each cell that reads it. Click a cell (or Enter) to go to it; arrow keys move between cells.',
  graphLabel: () => 'Cells and what they read',
  graphNodeTitle: (error: string, reads: readonly string[], readBy: readonly string[]) =>
    `${error}reads ${reads.join(', ') || 'nothing'}; read by ${readBy.join(', ') || 'nothing'}`,
  // A plot (gs-plot)
  drawingChart: () => 'Drawing the chart…',
  // Training (gs-train)
  perStep: () => 'per step',
  logScale: () => 'log scale',
  lossPerStep: (loss: string) => `Loss per step (${loss})`,
  lossAxis: (log: boolean) => (log ? 'loss (log scale)' : 'loss'),
  trainingProgress: () => 'Training progress',
  gradientDescent: () => 'Gradient descent',
  gradientDescentOn: () => 'Gradient descent on',
  trainStep: () => 'Step',
  trainRun: () => 'Run',
  trainStop: () => 'Stop',
  trainReset: () => 'Reset',
  stepsLabel: () => 'steps',
  stepsPerRun: () => 'Steps per run',
  stopAtLoss: () => 'stop at loss ≤',
  targetLoss: () => 'Target loss',
  targetNone: () => 'none',
  oneStepAFrameTitle: () => 'Run one step a frame (60 a second), slow enough to watch the sheet and the plots move',
  oneStepAFrame: () => 'one step a frame',
  trainAtStep: (step: number) => `step ${step}`,
  trainLoss: () => 'loss',
  trainProblem: (line: number, col: number) => `line ${line}:${col}`,
  lossCurveHint: () => 'The loss per step is plotted here once training starts.',
  // A workbook (gs-workbook)
  loadingWorkbook: () => 'Loading workbook…',
  problemsLabel: () => 'Problems in this workbook',
  problemsIn: (n: number, file: string) => `${plural(n, 'problem')} in ${file}`,
  reloadUnreadable: (detail: string) => `The workbook file changed but could not be read again (${detail}); this is still the previous version.`,
  reloadDropped: (dropped: readonly string[]) =>
    `The workbook file changed. Your edits to ${dropped.join(', ')} could not be kept: ${dropped.length === 1 ? 'that cell was' : 'those cells were'} removed, or changed shape or kind.`,
  // The toolbar (workbook-toolbar, workbook-tools)
  toolbarLabel: () => 'Workbook tools',
  undo: () => 'Undo',
  redo: () => 'Redo',
  undoTitle: (label?: string) => (label ? `Undo ${label} (Ctrl+Z)` : 'Nothing to undo'),
  redoTitle: (label?: string) => (label ? `Redo ${label} (Ctrl+Shift+Z)` : 'Nothing to redo'),
  resetAll: () => 'Reset all',
  resetAllTitle: () => "Every cell back to the workbook's own values (Undo brings your edits back)",
  share: () => 'Share',
  shareTitle: () => 'A link that opens this workbook with every value you changed',
  graph: () => 'Graph',
  graphTitle: () => 'Every cell and what it reads',
  notSaved: () => 'Not saved',
  savedInBrowser: () => 'Saved in this browser',
  traceReads: () => 'reads',
  traceReadBy: () => 'read by',
  traceNothing: () => 'nothing',
  shareLink: () => 'Share link',
  close: () => 'Close',
  dismiss: () => 'Dismiss',
  graphPanelLabel: () => 'Dependency graph',
  lostEdits: () => 'What you had typed',
  // The names of undoable steps, as Undo and Redo show them (src/store)
  editSharedLink: () => 'Shared link',
  editRestored: () => 'Restored edits',
  editOwn: () => 'Your own edits',
  editOtherTab: () => 'Another tab',
  // Why a shared link could not be read (the detail of sharedUnreadable)
  shareOtherVersion: () => 'it was made by another version of gradsheet',
  shareDamaged: () => 'it is incomplete or damaged',
  editReset: () => 'Reset',
  editRun: () => 'Run',
  editStep: () => 'Step',
  // Copying a value (cell-copy)
  copy: () => 'Copy',
  copyAs: (name: string, format: string) => `Copy ${name} as ${format}`,
  copyTitle: (format: 'TSV' | 'LaTeX') => (format === 'TSV' ? 'Copy as tab-separated values, for a spreadsheet' : 'Copy as a LaTeX bmatrix, for slides'),

  // The command line (src/cli): its help, its usage errors, what each command did
  cliUsage: () => `Usage: gradsheet check [--json] <file.md | directory>…
       gradsheet new <directory>
       gradsheet serve <directory> [--port N]
       gradsheet build <directory> --out <site-directory> [--base /path/]
       gradsheet build <directory | file.md> --single-file <file.html>
       gradsheet build <directory | file.md> --pdf <file.pdf> [--answers]

Evaluates every cell of each workbook without a browser and reports, one per line,
  file:line:col CODE cell: message
every problem in the file, every cell that fails to compute, every slide value the cell does
not agree with, and every failing gradient check. What the author marks as known to be wrong
("slide-wrong:", "check-fails:") is reported with a W_ code but does not fail. A directory
stands for the .md files in it.

Options:
  --json   print every cell's value (a number, or an array of rows), status and error as JSON,
           and each exercise (its shape, hints, mistakes and whether they differ from the answer)
  --help   show this help

new    a course folder: one example workbook and a README; serve it as it is.
serve  the course on http://localhost:8000 (--port N): the gallery, each workbook at
       ?w=FILE.md, and live reload (a saved file updates open pages, keeping edits).
build  a static site: index.html (the gallery), FILE.html per workbook with its values
       written out, index.json, the workbook files, and gradsheet/ (the bundle); every
       address relative, --base /path/ for a site under that path. --single-file: one
       HTML file with everything inlined, to open from disk. --pdf: the printed
       handout (prose, every value, the charts, no controls, each section on a new
       page), printed by the machine's Chromium ($CHROME_PATH); --answers prints the
       instructor's copy, exercises with their answers. Checks first: a course with
       an error is not built.
The gallery's order: index.json in the folder (a JSON array of file names), else file
names; titles and summaries: each workbook's front matter.

Exit status: 0 all workbooks check, 1 any error (E_ code), 2 a usage error.
`,
  cliUnknownCommand: (command: string) => `gradsheet: unknown command "${command}".`,
  cliUnknownOption: (option: string) => `unknown option "${option}"`,
  cliNeedsValue: (option: string) => `${option} needs a value`,
  cliCheckRefused: (why: string) => `gradsheet check: ${why}.`,
  cliNameAWorkbook: () => 'name at least one workbook file',
  cliUsageError: (command: string, why: string) => `gradsheet ${command}: ${why}. See gradsheet --help.`,
  cliNameOneFolder: () => 'name one course folder',
  cliNotAFolder: (dir: string) => `${dir} is not a folder`,
  cliNotAPort: (text: string | undefined) => `--port ${text} is not a port number`,
  cliOutOrSingle: () => 'give --out DIR or --single-file FILE.html',
  cliOneOutput: () => 'give one of --out DIR, --single-file FILE.html or --pdf FILE.pdf',
  cliAnswersWithPdf: () => '--answers goes with --pdf',
  cliPdfBuilt: (pdf: string, answers: boolean) => `${pdf}${answers ? ' (with the answers)' : ''}`,
  cliNotACourse: (dir: string) => `${dir} is not a course folder`,
  cliNotEmpty: (dir: string) => `${dir} already exists and is not empty; nothing was written`,
  fileKind: (kind: 'directory' | 'fifo' | 'socket' | 'device') =>
    ({ directory: 'a directory', fifo: 'a FIFO (named pipe)', socket: 'a socket', device: 'a device' })[kind],
  cliNewWrote: (files: readonly string[], dir: string) => `gradsheet new: wrote ${files.join(', ')}\nNext: npx gradsheet serve ${dir}`,
  cliFailed: (command: string, detail: string) => `gradsheet ${command}: ${detail}`,
  cliServing: (dir: string, url: string) => `gradsheet serve: ${dir} on ${url} (live reload; Ctrl+C stops)`,
  cliNotBuilt: (errors: number, dir: string) => `gradsheet build: not built: ${plural(errors, 'error')} (gradsheet check ${dir})`,
  cliBuilt: (what: string, base?: string) => `gradsheet build: ${what}${base ? ` for ${base}` : ''}`,
  cliSiteFiles: (site: string, files: number) => `${site}/ (${files} files)`,
  cliCheckSummary: (workbooks: number, cells: number, errors: number, warnings: number) =>
    `gradsheet check: ${plural(workbooks, 'workbook')}, ${plural(cells, 'cell')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
} as const;

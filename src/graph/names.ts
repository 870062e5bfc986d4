// What a cell may be called. Names must mean one thing only: a cell cannot take the name of a
// function, a constant or a keyword of the formula language, so `sum` or `pi` can never
// silently change meaning. The lecture's own names (x, y, E, h1, s2, Theta1, Θ1, gamma) are
// free: the formula language has no E constant (e is Euler's number) and no gamma function.

import { constants, functions } from '../formula/functions.ts';
import { disabledFunctions } from '../formula/mathjs.ts';
import { messages } from '../messages.ts';

// Letters a name may use: Latin (with its accented letters), Greek, and the letter-like symbols
// that are letters (ℓ). Not × or ÷ (mathjs reads them as letters, so `a×b` would be one name),
// nor ™, ℃ or the Latin clicks ǀ ǁ ǂ ǃ, which look like punctuation. A name starts with a
// letter, never with _ (so never __proto__ or _data, mathjs's old way in). Nor the digraphs ǅ ǈ ǋ ǲ
// (one letter that looks like two).
const letter = 'A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u01BF\\u01CD-\\u01F0\\u01F4-\\u024F\\u0386-\\u03CE\\u03D1\\u03D5\\u03D6\\u03F5\\u2100-\\u214F';
const namePattern = new RegExp(`^[${letter}][${letter}_0-9]*$`);
const notALetter = /[^\p{L}\p{N}_]/u;

const keywords = new Set(['and', 'or', 'xor', 'not', 'mod', 'to', 'in', 'end', 'true', 'false', 'null', 'undefined', 'NaN', 'Infinity', 'grad', 'csv']);

const objectProperties = new Set(Object.getOwnPropertyNames(Object.prototype));

export function isValidName(name: string): boolean {
  // normalize('NFC'): the Kelvin sign K, the ohm sign Ω and the angstrom sign Å are other ways
  // of writing K, Ω and Å, which look the same: only the plain letter is a name.
  return namePattern.test(name) && !notALetter.test(name) && name.normalize('NFC') === name;
}

/**
 * Why a name that mathjs would read as one symbol is not a name, when it is a character that
 * is not a letter (× ÷ ™) or another way of writing a letter (K for K): the sentence to show.
 */
export function invalidCharacter(name: string): string | null {
  for (const ch of name) {
    if (ch === '\u00D7' || ch === '\u00F7') return messages.nameOperator(name, ch, ch === '\u00D7' ? '*' : '/');
    const nfc = ch.normalize('NFC');
    if (nfc !== ch) return messages.nameLookalike(name, ch, codePoint(ch), nfc, codePoint(nfc));
    if (notALetter.test(ch) || !namePattern.test('a' + ch)) return messages.nameCharacter(name, ch, codePoint(ch));
  }
  return null;
}

const codePoint = (ch: string) => 'U+' + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');

// Letters of other scripts drawn like a Latin one (Greek capital Α and Latin A), and letter-like
// symbols that are a Latin letter in another style (ℎ and h): two names with the same skeleton
// look the same, so a workbook may not have both.
const lookalikes: Record<string, string> = {
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  ο: 'o',
  ν: 'v',
  ρ: 'p',
  ı: 'i',
};

/** What a name looks like: equal skeletons are names a reader cannot tell apart. */
export function skeleton(name: string): string {
  // NFKC (ℎ → h, ſ → s) except for Greek: ϑ and θ are two letters a reader tells apart.
  return [...name].map((ch) => lookalikes[ch] ?? (ch >= '\u0370' && ch <= '\u03FF' ? ch : ch.normalize('NFKC'))).join('');
}

/** Why a name is reserved ("a built-in function"), or null when a cell may use it. */
export function reservedBecause(name: string): string | null {
  if (functions.has(name)) return messages.reasonFunction();
  if (constants.has(name)) return messages.reasonConstant();
  if (keywords.has(name)) return messages.reasonKeyword();
  if (disabledFunctions.has(name)) return messages.reasonDisabled();
  // A name that every JavaScript object already has (toString, constructor): a cell name is
  // used as a key in maps, events and saved edits, where it must never find something else.
  if (objectProperties.has(name)) return messages.reasonJavascript();
  return null;
}

const greek = [
  'alpha',
  'beta',
  'gamma',
  'delta',
  'epsilon',
  'zeta',
  'eta',
  'theta',
  'iota',
  'kappa',
  'lambda',
  'mu',
  'nu',
  'xi',
  'omicron',
  'pi',
  'rho',
  'sigma',
  'tau',
  'upsilon',
  'phi',
  'chi',
  'psi',
  'omega',
];
const greekLetters = 'αβγδεζηθικλμνξοπρστυφχψω';
const greekCapitals = 'ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ';
const texCapitals = new Set(['Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega']);

/** TeX for a plain stem: a Greek name or letter becomes the letter, anything else is upright or italic. */
function stemTex(stem: string): string {
  const lower = stem.toLowerCase();
  const g = greek.indexOf(lower);
  if (g >= 0 && stem === lower) return `\\${lower}`;
  if (g >= 0 && stem[0] === stem[0].toUpperCase() && stem.slice(1) === lower.slice(1)) {
    return texCapitals.has(stem) ? `\\${stem}` : `\\mathrm{${stem[0]}}`;
  }
  const gi = greekLetters.indexOf(stem),
    gc = greekCapitals.indexOf(stem);
  if (stem.length === 1 && gi >= 0) return `\\${greek[gi]}`;
  if (stem.length === 1 && gc >= 0) {
    const n = greek[gc][0].toUpperCase() + greek[gc].slice(1);
    return texCapitals.has(n) ? `\\${n}` : `\\mathrm{${stem}}`;
  }
  return stem.length === 1 ? stem : `\\mathrm{${stem.replace(/_/g, '\\_')}}`;
}

/** A stem with trailing digits as a subscript: Theta1 → \Theta_{1}, h12 → h_{12}. */
function withSubscript(part: string): string {
  const m = /^(.*?)(\d+)$/.exec(part);
  return m && m[1] ? `${stemTex(m[1])}_{${m[2]}}` : stemTex(part);
}

/**
 * TeX for a cell's display name, derived from the name when the author gives no label:
 * Theta1 → Θ₁, y_hat → ŷ, dE_dTheta2 → ∂E/∂Θ₂, Theta2_new → Θ₂⁽ⁿᵉʷ⁾ (new), s_1 → s₁.
 */
export function labelFor(name: string): string {
  const d = /^d([A-Za-z\u0370-\u03FF]\w*?)_d(\w+)$/.exec(name);
  if (d) return `\\frac{\\partial ${labelFor(d[1])}}{\\partial ${labelFor(d[2])}}`;
  const parts = name.split('_').filter(Boolean);
  if (parts.length === 2 && parts[1] === 'hat') return `\\hat{${withSubscript(parts[0])}}`;
  if (parts.length === 2 && /^(new|old|next|prev)$/.test(parts[1])) return `{${withSubscript(parts[0])}}^{\\text{${parts[1]}}}`;
  if (parts.length === 2 && /^\d+$/.test(parts[1])) return `${stemTex(parts[0])}_{${parts[1]}}`;
  if (parts.length === 2) return `{${withSubscript(parts[0])}}_{${withSubscript(parts[1])}}`;
  return parts.length === 1 ? withSubscript(parts[0]) : `\\mathrm{${name.replace(/_/g, '\\_')}}`;
}

/** What a plan knows of a cell's label: its written one (unless refused for the workbook's rendering totals). */
type LabelledCells = ReadonlyMap<string, { checked: { spec: { label?: string; refused?: { label?: string } } } }>;

/**
 * The label a cell is typeset with inside other formulas: the written label, or the one derived
 * from its name (also when the written one was refused: it is not typeset anywhere); undefined
 * for a name that is no cell.
 */
export function shownLabel(cells: LabelledCells, name: string): string | undefined {
  const spec = cells.get(name)?.checked.spec;
  return spec ? ((spec.refused?.label ? undefined : spec.label) ?? labelFor(name)) : undefined;
}

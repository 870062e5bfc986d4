// What the sheet says about saving, sharing, pasting and undoing: one place for every message
// of src/store (the engine's error messages and codes are in src/messages.ts).

const list = (names: readonly string[]) =>
  names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const storeMessages = {
  saving: () => 'Your edits are saved in this browser.',
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
  sharedApplied: (dropped: readonly string[], changed: boolean) =>
    `This page opened a shared link: its edits are applied (Undo takes them back).${changed ? ' The link was made from another version of this workbook.' : ''}${dropped.length ? ` Its edits to ${list(dropped)} could not be applied: ${dropped.length === 1 ? 'that cell was' : 'those cells were'} removed, or changed shape or kind.` : ''}`,
  sharedUnreadable: (detail: string) => `This page's shared link could not be read (${detail}); the workbook shows its own values.`,
  shareCopied: () => 'Link copied. It opens this workbook with every value you changed.',
  shareNotCopied: () => 'Copy this link; it opens this workbook with every value you changed.',
  pasted: (rows: number, cols: number, at: string) => `Pasted ${rows}×${cols} at ${at}.`,
  pastedCut: (block: string, into: string, at: string, rowsOut: number, colsOut: number, entriesOut: number) =>
    `${block} pasted into a ${into} matrix at ${at}: ${[rowsOut ? plural(rowsOut, 'row') : '', colsOut ? plural(colsOut, 'column') : ''].filter(Boolean).join(' and ')} did not fit (${plural(entriesOut, 'entry', 'entries')} left out).`,
  pasteEmpty: () => 'The clipboard holds no numbers to paste.',
  copied: (name: string, as: string) => `Copied ${name} as ${as}.`,
  copyFailed: (detail: string) => `Could not copy: ${detail.replace(/\.$/, '')}.`,
  undone: (what: string) => `Undone: ${what}.`,
  redone: (what: string) => `Redone: ${what}.`,
  nothingToUndo: () => 'Nothing to undo.',
  nothingToRedo: () => 'Nothing to redo.',
  reset: () => "Reset: every cell has the workbook's own values again. Undo brings your edits back.",
  nothingToReset: () => "Nothing to reset: every cell has the workbook's own values.",
};

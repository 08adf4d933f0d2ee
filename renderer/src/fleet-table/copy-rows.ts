/**
 * Rows as tab-separated text with a header row, and the clipboard write.
 *
 * TSV is what spreadsheet apps put on the clipboard themselves, so a paste into Excel or Sheets
 * lands one value per cell. Tabs and line breaks inside a value would split cells or rows, so they
 * become spaces.
 */

export interface CopyColumn<Row> {
  readonly label: string;
  readonly value: (row: Row) => string;
}

function cell(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ');
}

export function rowsToTsv<Row>(columns: readonly CopyColumn<Row>[], rows: readonly Row[]): string {
  const lines = [columns.map((c) => cell(c.label)).join('\t')];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join('\t'));
  return `${lines.join('\r\n')}\r\n`;
}

/** True while `writeClipboardText` drives a copy, so the grid's own copy handler stays out. */
let writing = false;

export function isWritingClipboard(): boolean {
  return writing;
}

/**
 * Put text on the clipboard.
 *
 * A copy command run from the user's gesture needs no clipboard permission (the app denies every
 * permission request, which rules out `navigator.clipboard` in Electron); the async API is the
 * fallback for when the gesture has expired (a long walk of rows).
 */
export async function writeClipboardText(text: string): Promise<void> {
  const onCopy = (event: ClipboardEvent): void => {
    event.clipboardData?.setData('text/plain', text);
    event.preventDefault();
  };
  document.addEventListener('copy', onCopy);
  writing = true;
  let copied = false;
  try {
    // execCommand is deprecated but is the one clipboard write that needs no permission.
    copied = document.execCommand('copy');
  } finally {
    writing = false;
    document.removeEventListener('copy', onCopy);
  }
  if (!copied) await navigator.clipboard.writeText(text);
}

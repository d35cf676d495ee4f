/** RFC 4180 CSV: every cell quoted when it needs to be, so learner-chosen file names cannot break columns. */
export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

function cell(value: string | number): string {
  let text = String(value);
  // A leading = + - @ makes spreadsheets run the cell as a formula: neutralise it.
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

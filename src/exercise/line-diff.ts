/**
 * A small line diff (longest common subsequence) for the "this exercise changed" notice:
 * the learner's code against the new starter, as lines marked '-' (only in theirs), '+'
 * (only in the new starter) or ' ' (in both). Exercise files are short; past MAX_LINES a
 * side the table would be large, so the diff is then the two texts one after the other.
 */
export interface DiffLine {
  kind: ' ' | '-' | '+';
  text: string;
}

const MAX_LINES = 600;

export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.replace(/\r\n?/g, '\n').split('\n');
  const b = after.replace(/\r\n?/g, '\n').split('\n');
  if (a.length > MAX_LINES || b.length > MAX_LINES) {
    return [...a.map((text) => ({ kind: '-' as const, text })), ...b.map((text) => ({ kind: '+' as const, text }))];
  }
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ kind: ' ', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ kind: '-', text: a[i++]! });
    else out.push({ kind: '+', text: b[j++]! });
  }
  while (i < a.length) out.push({ kind: '-', text: a[i++]! });
  while (j < b.length) out.push({ kind: '+', text: b[j++]! });
  return out;
}

/** The diff as a `<pre>` (one span per line, marked for colour and for screen readers by its sign). */
export function diffElement(lines: readonly DiffLine[], label: string): HTMLElement {
  const pre = document.createElement('pre');
  pre.className = 'tl-line-diff';
  pre.tabIndex = 0;
  pre.setAttribute('aria-label', label);
  for (const line of lines) {
    const span = document.createElement('span');
    span.dataset.diff = line.kind === '-' ? 'removed' : line.kind === '+' ? 'added' : 'same';
    span.textContent = `${line.kind} ${line.text}\n`;
    pre.append(span);
  }
  return pre;
}

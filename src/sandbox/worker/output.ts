/**
 * The output cap: keeps the first MAX_LOG_LINES lines of a run and counts the
 * rest. Counting is all a dropped line costs, so `for (;;) console.log(i)`
 * floods neither the worker's memory nor the page.
 */
import { MAX_LOG_LINES, MAX_LOG_LINE_CHARS, type LogLevel } from '../protocol.ts';

export interface LogLine {
  level: LogLevel;
  text: string;
}

export interface OutputSink {
  /** Records one console call's text (may span several lines). */
  write(level: LogLevel, text: string): void;
  /** The kept lines, in order (what the checks see as `logs`). */
  readonly lines: readonly LogLine[];
  /** Lines counted but not kept. */
  readonly dropped: number;
  /** The note to show after the output when lines were dropped, or undefined. */
  truncationNote(): string | undefined;
}

export interface OutputSinkOptions {
  maxLines?: number;
  maxLineChars?: number;
  /** Called for every kept line, in order (e.g. to stream it to the page). */
  onLine?: (line: LogLine) => void;
  /** Called with the dropped total on the first drop and then every DROP_REPORT_STRIDE drops (cheap during a flood). */
  onDropped?: (total: number) => void;
}

export const DROP_REPORT_STRIDE = 1024;

export function createOutputSink(options: OutputSinkOptions = {}): OutputSink {
  const maxLines = options.maxLines ?? MAX_LOG_LINES;
  const maxChars = options.maxLineChars ?? MAX_LOG_LINE_CHARS;
  const lines: LogLine[] = [];
  let keptLineCount = 0;
  let dropped = 0;
  let dropCalls = 0;
  const drop = (count: number): void => {
    dropped += count;
    if (dropCalls++ % DROP_REPORT_STRIDE === 0) options.onDropped?.(dropped);
  };

  return {
    write(level, text) {
      const count = countLines(text);
      if (keptLineCount >= maxLines) {
        drop(count);
        return;
      }
      let kept = text;
      if (keptLineCount + count > maxLines) {
        // Keep the lines that still fit, count the tail.
        kept = firstLines(text, maxLines - keptLineCount);
        drop(count - (maxLines - keptLineCount));
      }
      if (kept.length > maxChars) {
        kept = `${kept.slice(0, maxChars)}… (${(kept.length - maxChars).toLocaleString('en-US')} more characters)`;
      }
      keptLineCount += countLines(kept);
      const line: LogLine = { level, text: kept };
      lines.push(line);
      options.onLine?.(line);
    },
    get lines() {
      return lines;
    },
    get dropped() {
      return dropped;
    },
    truncationNote() {
      if (dropped === 0) return undefined;
      return `… ${dropped.toLocaleString('en-US')} more lines of output were not shown (the limit is ${maxLines.toLocaleString('en-US')} lines per run).`;
    },
  };
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function firstLines(text: string, n: number): string {
  let end = -1;
  for (let i = 0; i < n; i++) {
    end = text.indexOf('\n', end + 1);
    if (end === -1) return text;
  }
  return text.slice(0, end);
}

/**
 * Reading a learner position out of an Error's stack.
 *
 * Learner code runs in `new AsyncFunction(...params, body + '//# sourceURL=learner.ts')`,
 * so its frames read `learner.ts:LINE:COL` in V8 ("at f (learner.ts:3:9)")
 * and in Firefox/Safari ("f@learner.ts:3:9"). The function constructor adds
 * a header before the body (two lines in V8), so frame lines are shifted; the
 * shift is measured once at runtime instead of assumed, because engines differ.
 */

export interface StackOffset {
  /** Lines the engine reports before the body's first line. */
  lines: number;
  /** Columns added on the body's first line (0 where the header ends with a newline). */
  columns: number;
}

const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as new (
  ...args: string[]
) => (...args: unknown[]) => Promise<unknown>;

/** The constructor learner modules are built with (private copy: learner code may replace globals). */
export function makeAsyncFunction(params: readonly string[], body: string): (...args: unknown[]) => Promise<unknown> {
  return new AsyncFunction(...params, body);
}

let measured: StackOffset | undefined;
const PROBE = "box.error = new Error('probe')";

/**
 * Where the engine reports a `new Error()` written on line 1 of a body built
 * exactly like a learner module (same constructor, same header).
 */
export function stackOffset(): StackOffset {
  if (measured) return measured;
  const probeFile = 'tl-calibrate.js';
  let found: { line: number; column: number } | undefined;
  try {
    const box: { error?: Error } = {};
    // An async function runs synchronously up to its first await, so `box` is filled on return.
    void new AsyncFunction('box', `${PROBE}\n//# sourceURL=${probeFile}`)(box);
    found = framePosition(String(box.error?.stack ?? ''), probeFile);
  } catch {
    // No usable stacks: fall back to V8's known header below.
  }
  measured = found ? { lines: found.line - 1, columns: Math.max(0, found.column - (PROBE.indexOf('new') + 1)) } : { lines: 2, columns: 0 };
  return measured;
}

/** The first (innermost) `file:line:col` frame of a stack, as written (1-based). */
export function framePosition(stack: string, file: string): { line: number; column: number } | undefined {
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(stack);
  if (!match) return undefined;
  return { line: Number(match[1]), column: Number(match[2]) };
}

/** A frame position made relative to the function body (1-based line/column of the body). */
export function bodyPosition(stack: string, file: string): { line: number; column: number } | undefined {
  const frame = framePosition(stack, file);
  if (!frame) return undefined;
  const offset = stackOffset();
  const line = frame.line - offset.lines;
  if (line < 1) return undefined;
  return { line, column: line === 1 ? frame.column - offset.columns : frame.column };
}

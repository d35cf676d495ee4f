/**
 * Learner TypeScript -> the body of an async function, with sucrase.
 *
 * - `typescript` + `imports` transforms: types go, ES imports become
 *   `require()` calls and exports become assignments on `exports`; sucrase
 *   keeps every line where it was, so a runtime line number is the learner's.
 * - Modern syntax is left alone (`disableESTransforms`): every browser that
 *   runs TensorFlow.js has it, and helper calls would blur error messages.
 * - Unused imports are kept (`keepUnusedImports`), so an unknown module is
 *   reported even when nothing uses it yet.
 * - Every import is checked before anything runs; an unknown one is a
 *   compile error that names the module and its line.
 * - `throw` gets a marker (`throw __tlThrowAt(line, col), value`) and
 *   every `catch` block clears it: `throw 42` carries no stack, and this is how
 *   its line is still known. The marker is a comma expression, so it works in
 *   any statement position and evaluates before the thrown value.
 *
 * The result is run by execute.ts inside `new AsyncFunction(...)`, so
 * top-level `await` works.
 */
import type { LearnerError, SourcePosition } from '../protocol.ts';
import { decodeMappings, lookup } from './source-map.ts';
import { Tok, tokenizeJs, transform, type SucraseSyntaxError, type SucraseToken } from './sucrase.ts';

export type SourceFile = 'code' | 'checks';

/** The name each source gets in stack traces (`//# sourceURL=`). */
export const SOURCE_URLS: Record<SourceFile, string> = { code: 'learner.ts', checks: 'checks.ts' };

/** Parameters of the function the module body runs in, in order. */
export const MODULE_PARAMS = ['require', 'exports', 'module', '__tlThrowAt', '__tlCaught'] as const;

export interface CompiledModule {
  file: SourceFile;
  /** The function body (CommonJS-style JavaScript, markers included). */
  js: string;
  /** Module names the code requires, in source order. */
  imports: string[];
  /** Maps a 1-based (line, column) in `js` to the learner's TypeScript (1-based). */
  toSource(line: number, column: number): SourcePosition | undefined;
}

export type TranspileResult = { ok: true; module: CompiledModule } | { ok: false; error: LearnerError };

export interface TranspileOptions {
  file: SourceFile;
  /** Module names `import` may use, e.g. ['@tensorflow/tfjs', 'lab']. */
  modules: readonly string[];
}

/** A piece of text the transpiler added to sucrase's output. */
interface Insertion {
  /** Offset in sucrase's output. */
  offset: number;
  text: string;
}

export function transpile(source: string, options: TranspileOptions): TranspileResult {
  const fileName = SOURCE_URLS[options.file];
  let output: { code: string; sourceMap?: { mappings: string } };
  try {
    output = transform(source, {
      transforms: ['typescript', 'imports'],
      disableESTransforms: true,
      keepUnusedImports: true,
      filePath: fileName,
      sourceMapOptions: { compiledFilename: fileName.replace(/\.ts$/, '.js') },
    });
  } catch (error) {
    return { ok: false, error: syntaxError(error, options.file) };
  }
  const js = output.code;
  const segments = decodeMappings(output.sourceMap?.mappings ?? '');
  const firstLineEnds = { js: lineEnd(js), source: lineEnd(source) };
  const mapJs = (line0: number, column0: number): SourcePosition => {
    const found = line0 === 0 ? lookupFirstLine(segments, column0, firstLineEnds) : lookup(segments, line0, column0);
    // sucrase keeps lines, so the line is right even where the map is silent.
    return found ? { line: found.line + 1, column: found.column + 1 } : { line: line0 + 1, column: column0 + 1 };
  };

  const tokens = tokenizeJs(js);
  const lineStarts = lineStartsOf(js);
  const positionOf = (offset: number): SourcePosition => {
    const line0 = lineIndexAt(lineStarts, offset);
    return mapJs(line0, offset - (lineStarts[line0] ?? 0));
  };

  const imports: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const problem = importProblem(js, tokens, i, options, positionOf, source);
    if (problem === undefined) continue;
    if (typeof problem === 'string') {
      imports.push(problem);
      continue;
    }
    return { ok: false, error: problem };
  }

  const insertions = markThrowsAndCatches(tokens, positionOf);
  const finalJs = applyInsertions(js, insertions);
  const insertionsByLine = groupByLine(insertions, lineStarts);
  return {
    ok: true,
    module: {
      file: options.file,
      js: finalJs,
      imports,
      toSource(line, column) {
        if (line < 1) return undefined;
        const column0 = unshiftColumn(insertionsByLine.get(line - 1) ?? [], column - 1);
        return mapJs(line - 1, column0);
      },
    },
  };
}

/**
 * At token i: undefined when it is no import; the module name when it is an
 * allowed one; a LearnerError otherwise.
 */
function importProblem(
  js: string,
  tokens: readonly SucraseToken[],
  i: number,
  options: TranspileOptions,
  positionOf: (offset: number) => SourcePosition,
  source: string,
): string | LearnerError | undefined {
  const token = tokens[i]!;
  if (token.type !== Tok.name) return undefined;
  const word = js.slice(token.start, token.end);
  const previous = tokens[i - 1];
  if (previous && (previous.type === Tok.dot || previous.type === Tok.questionDot)) return undefined;
  const position = positionOf(token.start);
  const phase = options.file === 'code' ? 'compile' : 'checks';
  if (word === 'import' && tokens[i + 1]?.type === Tok.dot) {
    return {
      phase,
      name: 'SyntaxError',
      message: `import.meta is not available here (line ${position.line}).`,
      position,
      file: options.file,
    };
  }
  if (word !== 'require' || tokens[i + 1]?.type !== Tok.parenL) return undefined;
  const argument = tokens[i + 2];
  if (!argument || argument.type !== Tok.string || tokens[i + 3]?.type !== Tok.parenR) {
    return {
      phase,
      name: 'ImportError',
      message: `require() needs a module name in quotes (line ${position.line}).`,
      position,
      file: options.file,
    };
  }
  const moduleName = js.slice(argument.start + 1, argument.end - 1);
  if (options.modules.includes(moduleName)) return moduleName;
  return {
    phase,
    name: 'ImportError',
    message: `Cannot import '${moduleName}' (line ${position.line}): only ${listModules(options.modules)} ${
      options.modules.length === 1 ? 'is' : 'are'
    } available here.`,
    position: moduleNamePosition(source, position.line, moduleName),
    file: options.file,
  };
}

/**
 * Where the learner wrote the module name: sucrase replaces a whole `import`
 * statement with `require` code that has no place in the TypeScript, so the
 * map cannot say which column the bad name is in. The line it can.
 */
function moduleNamePosition(source: string, line: number, moduleName: string): SourcePosition {
  const text = source.split('\n')[line - 1] ?? '';
  const quoted = [`'${moduleName}'`, `"${moduleName}"`, `\`${moduleName}\``].map((q) => text.indexOf(q)).filter((i) => i !== -1);
  if (quoted.length) return { line, column: Math.min(...quoted) + 1 };
  const statement = /\b(?:import|export|require)\b/.exec(text);
  return { line, column: statement ? statement.index + 1 : 1 };
}

/** Length of the first line (without its line break). */
function lineEnd(text: string): number {
  const newline = text.indexOf('\n');
  return newline === -1 ? text.length : newline;
}

/**
 * `lookup` for the first line, where sucrase puts `"use strict";` (and its
 * import helpers) in front of the learner's code without mapping them: its
 * first segment says "generated column 0 is source column 0", so a token
 * right after the prefix would be placed `prefix.length` columns too far
 * right. Inside that first segment the distance is therefore measured back
 * from the next anchor (the next segment, or the end of the line, which
 * sucrase leaves as the learner wrote it), never forward from column 0.
 */
function lookupFirstLine(
  lines: Parameters<typeof lookup>[0],
  column: number,
  ends: { js: number; source: number },
): { line: number; column: number } | undefined {
  const segments = lines[0];
  const first = segments?.[0];
  const next = segments?.[1];
  if (!first || first[0] !== 0 || first[2] !== 0 || (next && column >= next[0])) return lookup(lines, 0, column);
  const anchor = next ? { js: next[0], source: next[2] } : ends;
  return { line: first[1], column: Math.max(0, anchor.source - (anchor.js - column)) };
}

function listModules(modules: readonly string[]): string {
  const quoted = modules.map((m) => `'${m}'`);
  return quoted.length <= 1 ? (quoted[0] ?? 'nothing') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

function markThrowsAndCatches(
  tokens: readonly SucraseToken[],
  positionOf: (offset: number) => SourcePosition,
): Insertion[] {
  const insertions: Insertion[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === Tok.throw) {
      const at = positionOf(token.start);
      insertions.push({ offset: token.end, text: ` __tlThrowAt(${at.line},${at.column}),` });
    } else if (token.type === Tok.catch) {
      const block = catchBlockStart(tokens, i);
      if (block !== undefined) insertions.push({ offset: block, text: ' __tlCaught();' });
    }
  }
  return insertions;
}

/** Offset just after the `{` that opens the block of the `catch` at token i. */
function catchBlockStart(tokens: readonly SucraseToken[], i: number): number | undefined {
  let j = i + 1;
  if (tokens[j]?.type === Tok.parenL) {
    let depth = 0;
    for (; j < tokens.length; j++) {
      const type = tokens[j]!.type;
      if (type === Tok.parenL) depth++;
      else if (type === Tok.parenR && --depth === 0) break;
    }
    j++;
  }
  const brace = tokens[j];
  return brace && brace.type === Tok.braceL ? brace.end : undefined;
}

function applyInsertions(js: string, insertions: readonly Insertion[]): string {
  let result = '';
  let last = 0;
  for (const insertion of insertions) {
    result += js.slice(last, insertion.offset) + insertion.text;
    last = insertion.offset;
  }
  return result + js.slice(last);
}

/** Per 0-based line: [column in sucrase's output, inserted length], in column order. */
function groupByLine(insertions: readonly Insertion[], lineStarts: readonly number[]): Map<number, [number, number][]> {
  const byLine = new Map<number, [number, number][]>();
  for (const { offset, text } of insertions) {
    const line = lineIndexAt(lineStarts, offset);
    const list = byLine.get(line) ?? [];
    list.push([offset - (lineStarts[line] ?? 0), text.length]);
    byLine.set(line, list);
  }
  return byLine;
}

/** A column in the marked text -> the column in sucrase's output (inside a marker: the marker's place). */
function unshiftColumn(insertions: readonly [number, number][], column: number): number {
  let shift = 0;
  for (const [at, length] of insertions) {
    const start = at + shift;
    if (column < start) break;
    if (column < start + length) return at;
    shift += length;
  }
  return column - shift;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineIndexAt(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

function syntaxError(error: unknown, file: SourceFile): LearnerError {
  const e = error as Partial<SucraseSyntaxError>;
  const raw = typeof e.message === 'string' ? e.message : String(error);
  // "Error transforming learner.ts: Unexpected token (2:12)" -> "Unexpected token"
  const message = raw.replace(/^Error transforming [^:]*: /, '').replace(/ \(\d+:\d+\)$/, '');
  const learnerError: LearnerError = {
    phase: file === 'code' ? 'compile' : 'checks',
    name: 'SyntaxError',
    message: e.loc ? `${message} (line ${e.loc.line}, column ${e.loc.column})` : message,
    file,
  };
  if (e.loc) learnerError.position = { line: e.loc.line, column: e.loc.column };
  return learnerError;
}

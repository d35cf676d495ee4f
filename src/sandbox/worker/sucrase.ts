/**
 * The parts of sucrase the runtime uses, from one build of it.
 *
 * Why deep CommonJS paths: the transpiler needs sucrase's tokenizer as well
 * as `transform` (to find imports, `throw`s and `catch`es in the output
 * without being fooled by strings, comments or regexes), and the tokenizer is
 * not part of the public entry. Node's ESM cannot load sucrase's ESM build
 * (extensionless relative imports), while both Node and Vite load the CJS
 * build; taking `transform` from the same build keeps one copy of the parser
 * in the bundle.
 */
import { transform as sucraseTransform } from 'sucrase/dist/index.js';
import { parse as sucraseParse } from 'sucrase/dist/parser/index.js';
import { TokenType as sucraseTokenType } from 'sucrase/dist/parser/tokenizer/types.js';

export interface SucraseToken {
  type: number;
  start: number;
  end: number;
}

export interface SucraseOutput {
  code: string;
  sourceMap?: { mappings: string };
}

export interface SucraseOptions {
  transforms: Array<'typescript' | 'imports'>;
  disableESTransforms?: boolean;
  keepUnusedImports?: boolean;
  filePath?: string;
  sourceMapOptions?: { compiledFilename: string };
}

/** Sucrase's own syntax error: `loc.column` is 1-based, as editors count. */
export interface SucraseSyntaxError extends SyntaxError {
  loc?: { line: number; column: number };
}

export const transform: (code: string, options: SucraseOptions) => SucraseOutput = sucraseTransform;

/** Tokenizes plain JavaScript (no JSX, TS or Flow). */
export function tokenizeJs(code: string): SucraseToken[] {
  return sucraseParse(code, false, false, false).tokens;
}

/** The token types we look for. */
export const Tok = {
  name: sucraseTokenType.name,
  string: sucraseTokenType.string,
  dot: sucraseTokenType.dot,
  questionDot: sucraseTokenType.questionDot,
  parenL: sucraseTokenType.parenL,
  parenR: sucraseTokenType.parenR,
  braceL: sucraseTokenType.braceL,
  throw: sucraseTokenType._throw,
  catch: sucraseTokenType._catch,
} as const;

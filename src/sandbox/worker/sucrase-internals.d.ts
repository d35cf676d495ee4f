// Types for the sucrase build files src/sandbox/worker/sucrase.ts imports by path
// (sucrase ships their types under dist/types/, which a path import does not find).
declare module 'sucrase/dist/index.js' {
  export function transform(code: string, options: import('./sucrase.ts').SucraseOptions): import('./sucrase.ts').SucraseOutput;
}
declare module 'sucrase/dist/parser/index.js' {
  export function parse(
    input: string,
    isJSXEnabled: boolean,
    isTypeScriptEnabled: boolean,
    isFlowEnabled: boolean,
  ): { tokens: import('./sucrase.ts').SucraseToken[] };
}
declare module 'sucrase/dist/parser/tokenizer/types.js' {
  export const TokenType: Record<
    'name' | 'string' | 'dot' | 'questionDot' | 'parenL' | 'parenR' | 'braceL' | '_throw' | '_catch',
    number
  >;
}

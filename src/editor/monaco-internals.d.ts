/**
 * Monaco internals the course uses that ship without type declarations.
 * Kept to the minimum; each one is explained where it is imported.
 */
declare module 'monaco-editor/editor/browser/config/tabFocus' {
  /** Whether Tab moves focus (true) or types a tab (false); shared by every editor, toggled by Ctrl+M. */
  export const TabFocus: {
    getTabFocusMode(): boolean;
    setTabFocusMode(on: boolean): void;
    onDidChangeTabFocus(listener: (on: boolean) => void): { dispose(): void };
  };
}

declare module 'monaco-editor/languages/features/typescript/tsMode' {
  /** Registers the TypeScript language features (monaco-setup.ts calls it once, after the editor shows). */
  export function setupTypeScript(defaults: typeof import('monaco-editor/languages/features/typescript/register').typescriptDefaults): unknown;
}

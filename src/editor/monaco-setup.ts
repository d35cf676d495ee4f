/**
 * Monaco, trimmed to what the course needs, and its worker wiring. The only
 * module that imports monaco-editor; everything else gets `monaco` from here.
 *
 * Why not `import 'monaco-editor'`: that entry registers every language and
 * every editor feature (11 MB raw). We take the editor API, the TypeScript
 * language (syntax + language service) and the editing features a learner
 * uses; the full list is below so adding one is a one-line change.
 *
 * This module is only ever loaded with a dynamic `import()` (from the
 * exercise island), so no lesson page pays for Monaco before it needs it.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import { DARK_THEME, LIGHT_THEME, defineCourseThemes } from './themes.ts';

// Editing features, as in monaco-editor/features/register.all, minus the ones
// a short exercise does not need (code lens, colour picker, sticky scroll, …).
import 'monaco-editor/features/codeEditor/register';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/diffEditor/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/parameterHints/register';
import 'monaco-editor/features/readOnlyMessage/register';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/suggest/register';
// Imported one by one by monaco's own editor.main (features/*/register leaves them out):
// the suggest widget itself, the cursor and editing commands, and their UI strings.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/contrib/gotoError/browser/markerSelectionStatus';
import 'monaco-editor/editor/common/standaloneStrings';
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/features/wordOperations/register';

// Services some of the contributions above ask for (sticky scroll, drag and
// drop, code lens hovers) but do not register themselves; without them the
// diff editor logs "depends on UNKNOWN service".
import 'monaco-editor/editor/contrib/documentSymbols/browser/outlineModel';
import 'monaco-editor/editor/contrib/codelens/browser/codeLensCache';
import 'monaco-editor/editor/common/services/treeViewsDndService';

// TypeScript: the tokenizer (syntax colours) now; the language service (hover,
// completion, squiggles: 128 KB gz here, and its worker 1.5 MB) later, in
// startLanguageService(), once the editor is showing.
import 'monaco-editor/languages/definitions/typescript/register';
import { EDITOR_COMPILER_OPTIONS } from './declarations/virtual-files.ts';
import { flushMonacoCss } from './monaco-css.ts';

// Tab-focus mode is global in Monaco. Setting the `tabFocusMode` editor option
// instead would pin it on, and Ctrl+M could no longer switch it off.
import { TabFocus } from 'monaco-editor/editor/browser/config/tabFocus';

import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TypeScriptWorker from 'monaco-editor/language/typescript/ts.worker?worker';

// Monaco's CSS (queued while the modules above evaluated, see monaco-css.ts) goes in now,
// in one piece, before any editor is made.
flushMonacoCss();

globalThis.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'typescript' || label === 'javascript' ? new TypeScriptWorker() : new EditorWorker();
  },
};

type TypeScriptService = typeof import('monaco-editor/languages/features/typescript/register');
let languageService: Promise<TypeScriptService> | undefined;

/**
 * Starts the TypeScript language service, once per page. Call it only after a
 * TypeScript model exists (code-editor.ts does, after the editor shows): Monaco
 * asks for a language's "rich features" once, when its first model is made, and
 * `features/typescript/register` answers that request by loading tsMode. Loaded
 * later, it has missed the request, so tsMode is set up here instead, and
 * nothing on the way to the first keystroke waits for it.
 */
export function startLanguageService(): Promise<TypeScriptService> {
  languageService ??= (async () => {
    const ts = await import('monaco-editor/languages/features/typescript/register');
    // The same options the solutions' type check uses (virtual-files.ts).
    ts.typescriptDefaults.setCompilerOptions({ ...EDITOR_COMPILER_OPTIONS });
    // Until the declarations arrive (see declarations/load.ts) every import would
    // be an error; show syntax errors only, then switch semantic checks on.
    ts.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: false });
    // Keep models synced to the worker eagerly so hover works the moment the declarations land.
    ts.typescriptDefaults.setEagerModelSync(true);
    const mode = await import('monaco-editor/languages/features/typescript/tsMode');
    mode.setupTypeScript(ts.typescriptDefaults);
    return ts;
  })();
  return languageService;
}

export async function enableTypeChecking(): Promise<void> {
  (await startLanguageService()).typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
}

export async function setDeclarations(files: { filePath: string; content: string }[]): Promise<void> {
  (await startLanguageService()).typescriptDefaults.setExtraLibs(files);
}

type DiagnosticText = string | { messageText: string; next?: DiagnosticText[] };

/** TypeScript's message chain ("Type A is not assignable to B.\n  Property …") as one text. */
export function flattenMessage(text: DiagnosticText, indent = 0): string {
  if (typeof text === 'string') return text;
  const rest = (text.next ?? []).map((next) => flattenMessage(next, indent + 1));
  return [text.messageText, ...rest].join('\n' + '  '.repeat(indent + 1));
}

/**
 * What the editor's TypeScript service reports as errors for `model` (syntax
 * and types), with 1-based lines and columns, in line order: the same
 * diagnostics the squiggles come from, asked for directly so they are fresh.
 */
export async function typeScriptErrors(
  model: monaco.editor.ITextModel,
): Promise<{ line: number; column: number; message: string }[]> {
  const getWorker = await (await startLanguageService()).getTypeScriptWorker();
  const worker = await getWorker(model.uri);
  const file = model.uri.toString();
  const [syntactic, semantic] = await Promise.all([worker.getSyntacticDiagnostics(file), worker.getSemanticDiagnostics(file)]);
  if (model.isDisposed()) return [];
  return [...syntactic, ...semantic]
    .filter((diagnostic) => diagnostic.category === 1 /* ts.DiagnosticCategory.Error */)
    .map((diagnostic) => {
      const position = model.getPositionAt(diagnostic.start ?? 0);
      return { line: position.lineNumber, column: position.column, message: flattenMessage(diagnostic.messageText) };
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

// Keyboard users must be able to leave the editor: Tab moves focus until the
// learner presses Ctrl+M to type tabs (the hint under each editor says so).
TabFocus.setTabFocusMode(true);

/** Calls `listener` with the current Tab mode now and whenever Ctrl+M switches it. */
export function watchTabFocusMode(listener: (tabMovesFocus: boolean) => void): { dispose(): void } {
  listener(TabFocus.getTabFocusMode());
  return TabFocus.onDidChangeTabFocus(listener);
}

/** Monaco's theme follows the site's light/dark switch (`<html data-theme>`). */
function applySiteTheme(): void {
  monaco.editor.setTheme(document.documentElement.dataset.theme === 'dark' ? DARK_THEME : LIGHT_THEME);
}
defineCourseThemes(monaco);
applySiteTheme();
new MutationObserver(applySiteTheme).observe(document.documentElement, {
  attributes: true,
  attributeFilter: ['data-theme'],
});

export { monaco };

/**
 * One Monaco editor for one exercise: the learner's TypeScript, Ctrl+Enter to
 * run, and the line of a run error marked. The exercise island owns it and
 * calls `dispose()` when the island goes.
 */
import { monaco, typeScriptErrors } from './monaco-setup.ts';
import { loadDeclarations } from './declarations/load.ts';

export interface CodeEditorOptions {
  container: HTMLElement;
  value: string;
  /** Unique per exercise, e.g. "modify-the-model/replace-head"; becomes the model's file name. */
  exercise: string;
  /** Accessible name of the editor's text area. */
  ariaLabel: string;
  /** Name of the Run action in the editor's context menu. */
  runLabel: string;
  onChange(value: string): void;
  onRun(): void;
}

export interface ErrorMark {
  line: number;
  column: number;
  message: string;
}

/**
 * Editing set up for learners (shared with the solution diff):
 * - Lines wrap at the editor's width, so the end of a long TODO comment (the
 *   values to use) is never past the right edge, at 1280 px or at 390 px.
 * - Brackets are not closed for you: a learner who types `{`, Enter, the body,
 *   Enter, `}` would otherwise be left with an extra `}` (Monaco's closing
 *   brace moves down a line, where overtyping cannot reach it). Quotes still
 *   close, and typing the closing one steps over it.
 */
export const LEARNER_EDITING = {
  wordWrap: 'on',
  wrappingIndent: 'same',
  autoClosingBrackets: 'never',
  autoClosingOvertype: 'always',
} as const satisfies monaco.editor.IEditorOptions;

/** Editors narrower than this get a slim gutter (line numbers only). */
export const NARROW_EDITOR_PX = 480;

/** The gutter for an editor `width` pixels wide: full (error dot, folding) or slim on a phone. */
export function gutterFor(width: number) {
  const narrow = width > 0 && width < NARROW_EDITOR_PX;
  return {
    glyphMargin: !narrow,
    folding: !narrow,
    lineNumbersMinChars: narrow ? 2 : 4,
    lineDecorationsWidth: narrow ? 4 : 10,
  } satisfies monaco.editor.IEditorOptions;
}

/** Owner name for markers set from run results (TypeScript's own markers use another owner). */
const RUN_MARKERS = 'transfer-lab-run';

export function createCodeEditor(options: CodeEditorOptions) {
  const uri = monaco.Uri.parse(`file:///exercises/${options.exercise}.ts`);
  // A model can outlive an island in dev hot reloads; reuse rather than throw "model exists".
  const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(options.value, 'typescript', uri);
  model.setValue(options.value);

  const editor = monaco.editor.create(options.container, {
    model,
    ariaLabel: options.ariaLabel,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 14,
    tabSize: 2,
    fixedOverflowWidgets: true,
    renderLineHighlightOnlyWhenFocus: true,
    accessibilitySupport: 'auto',
    ...LEARNER_EDITING,
    ...gutterFor(options.container.clientWidth),
  });
  // A phone has room for ~40 characters: the gutter shrinks to the line numbers alone.
  const layout = editor.onDidLayoutChange((info) => {
    const wanted = gutterFor(info.width);
    if (editor.getRawOptions().lineNumbersMinChars !== wanted.lineNumbersMinChars) editor.updateOptions(wanted);
  });
  // An action, not `addCommand`: Monaco binds addCommand keys globally, so
  // with several editors on a page Ctrl+Enter would run the last one created.
  const runAction = editor.addAction({
    id: 'transfer-lab.run',
    label: options.runLabel,
    keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
    contextMenuGroupId: 'navigation',
    contextMenuOrder: 0,
    run: () => options.onRun(),
  });

  const errorLine = editor.createDecorationsCollection();
  const changes = model.onDidChangeContent(() => {
    clearError();
    options.onChange(model.getValue());
  });

  function clearError(): void {
    errorLine.clear();
    monaco.editor.setModelMarkers(model, RUN_MARKERS, []);
  }

  // The language service and the declarations (~350 KB gz, and the service's worker) come once the
  // editor has taken the learner's first edit, or LANGUAGE_SERVICE_AFTER_MS after it shows: nothing on
  // the way to the first keystroke waits for them.
  afterFirstEdit(model, () =>
    void loadDeclarations().catch((error: unknown) => {
      // Types are a help, not a requirement: the editor and runs work without them.
      console.warn('Transfer Lab: could not load type declarations for the editor.', error);
    }),
  );

  return {
    editor,
    model,
    getValue: (): string => model.getValue(),
    /** Replaces the code as one undoable edit (Ctrl+Z brings the old code back). */
    setValue(code: string): void {
      if (code === model.getValue()) return;
      editor.pushUndoStop();
      editor.executeEdits('transfer-lab', [{ range: model.getFullModelRange(), text: code }]);
      editor.pushUndoStop();
    },
    /** Marks where a run failed: a red squiggle with the message, and the whole line tinted. */
    showError(mark: ErrorMark): void {
      clearError();
      const line = Math.min(Math.max(1, mark.line), model.getLineCount());
      const column = Math.max(1, mark.column);
      const wordEnd = model.getWordAtPosition({ lineNumber: line, column })?.endColumn;
      monaco.editor.setModelMarkers(model, RUN_MARKERS, [
        {
          severity: monaco.MarkerSeverity.Error,
          message: mark.message,
          startLineNumber: line,
          startColumn: column,
          endLineNumber: line,
          endColumn: wordEnd && wordEnd > column ? wordEnd : model.getLineMaxColumn(line),
        },
      ]);
      errorLine.set([
        {
          range: new monaco.Range(line, 1, line, 1),
          options: {
            isWholeLine: true,
            className: 'tl-error-line',
            glyphMarginClassName: 'tl-error-glyph',
            glyphMarginHoverMessage: { value: mark.message },
          },
        },
      ]);
      editor.revealLineInCenterIfOutsideViewport(line);
    },
    clearError,
    /**
     * The TypeScript errors the editor marks in the code now (syntax and types), in line
     * order; empty when the types could not be loaded (then imports cannot be checked).
     */
    async typeErrors(): Promise<ErrorMark[]> {
      try {
        await loadDeclarations();
      } catch {
        return [];
      }
      if (model.isDisposed()) return [];
      return typeScriptErrors(model);
    },
    focus: (): void => editor.focus(),
    dispose(): void {
      changes.dispose();
      layout.dispose();
      runAction.dispose();
      editor.dispose();
      model.dispose();
    },
  };
}

export type CodeEditor = ReturnType<typeof createCodeEditor>;

/**
 * How long after the editor shows the language service starts if the learner has not typed yet
 * (hover types for a learner who reads the code first). Long enough that a first keystroke on a
 * busy machine is never kept waiting behind 1.5 MB of TypeScript.
 */
const LANGUAGE_SERVICE_AFTER_MS = 10_000;

/** Once the first edit has been drawn (or LANGUAGE_SERVICE_AFTER_MS after now), when the browser is idle. */
function afterFirstEdit(model: monaco.editor.ITextModel, task: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    edit.dispose();
    clearTimeout(timer);
    requestAnimationFrame(() => ('requestIdleCallback' in window ? requestIdleCallback(task, { timeout: 1000 }) : setTimeout(task, 100)));
  };
  const edit = model.onDidChangeContent(run);
  const timer = setTimeout(run, LANGUAGE_SERVICE_AFTER_MS);
}

/**
 * The "Show solution" view: a Monaco diff of the reference solution
 * (read-only) against the learner's code (the very model the exercise editor
 * edits, so every edit made here is saved like any other).
 *
 * Wide enough, the two sit side by side (solution left, learner right);
 * narrower, Monaco's inline view shows one column with the solution's lines
 * mixed in. We pick the layout ourselves from the width and report it
 * (`onLayout`), so the panel's explanation always describes what is shown.
 */
import { monaco } from './monaco-setup.ts';
import { LEARNER_EDITING, gutterFor, type CodeEditor } from './code-editor.ts';

export type DiffLayout = 'side-by-side' | 'inline';

/** Below this width the two sides would each be too narrow to read: one column instead. */
export const SIDE_BY_SIDE_MIN_PX = 720;

export function diffLayoutFor(width: number): DiffLayout {
  return width >= SIDE_BY_SIDE_MIN_PX ? 'side-by-side' : 'inline';
}

export interface SolutionDiffOptions {
  container: HTMLElement;
  solution: string;
  exercise: string;
  learner: CodeEditor;
  ariaLabel: string;
  /** Called with the layout now and whenever a resize changes it. */
  onLayout(layout: DiffLayout): void;
}

export function createSolutionDiff(options: SolutionDiffOptions) {
  const uri = monaco.Uri.parse(`file:///solutions/${options.exercise}.ts`);
  const original =
    monaco.editor.getModel(uri) ?? monaco.editor.createModel(options.solution, 'typescript', uri);
  let layout = diffLayoutFor(options.container.clientWidth);
  const diff = monaco.editor.createDiffEditor(options.container, {
    originalEditable: false,
    readOnly: false,
    renderSideBySide: layout === 'side-by-side',
    // The overview ruler costs a phone 40 px of code; one column is short enough to scroll without it.
    renderOverviewRuler: layout === 'side-by-side',
    useInlineViewWhenSpaceIsLimited: false,
    automaticLayout: true,
    ...LEARNER_EDITING,
    ...gutterFor(layout === 'side-by-side' ? options.container.clientWidth / 2 : options.container.clientWidth),
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 14,
    ariaLabel: options.ariaLabel,
    originalAriaLabel: options.ariaLabel,
    modifiedAriaLabel: options.learner.editor.getRawOptions().ariaLabel ?? options.ariaLabel,
  });
  diff.setModel({ original, modified: options.learner.model });
  options.onLayout(layout);
  const resize = new ResizeObserver(() => {
    const width = options.container.clientWidth;
    if (width === 0) return;
    const next = diffLayoutFor(width);
    if (next === layout) return;
    layout = next;
    diff.updateOptions({ renderSideBySide: layout === 'side-by-side', renderOverviewRuler: layout === 'side-by-side', ...gutterFor(layout === 'side-by-side' ? width / 2 : width) });
    options.onLayout(layout);
  });
  resize.observe(options.container);

  return {
    diff,
    dispose(): void {
      resize.disconnect();
      // The learner's model belongs to the exercise editor: detach it, do not dispose it.
      diff.setModel(null);
      diff.dispose();
      original.dispose();
    },
  };
}

export type SolutionDiff = ReturnType<typeof createSolutionDiff>;

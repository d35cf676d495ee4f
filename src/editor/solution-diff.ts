/**
 * The "Show solution" view: a Monaco diff of the reference solution (left,
 * read-only) against the learner's code (right, the very model the exercise
 * editor edits). Because the right side is the learner's model, the diff
 * editor's "revert" arrows copy a hunk of the solution straight into their
 * code, and every edit made here is saved like any other.
 */
import { monaco } from './monaco-setup.ts';
import type { CodeEditor } from './code-editor.ts';

export interface SolutionDiffOptions {
  container: HTMLElement;
  solution: string;
  exercise: string;
  learner: CodeEditor;
  ariaLabel: string;
}

export function createSolutionDiff(options: SolutionDiffOptions) {
  const uri = monaco.Uri.parse(`file:///solutions/${options.exercise}.ts`);
  const original =
    monaco.editor.getModel(uri) ?? monaco.editor.createModel(options.solution, 'typescript', uri);
  const diff = monaco.editor.createDiffEditor(options.container, {
    originalEditable: false,
    readOnly: false,
    renderSideBySide: true,
    useInlineViewWhenSpaceIsLimited: true,
    renderMarginRevertIcon: true,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 14,
    ariaLabel: options.ariaLabel,
    originalAriaLabel: options.ariaLabel,
    modifiedAriaLabel: options.learner.editor.getRawOptions().ariaLabel ?? options.ariaLabel,
  });
  diff.setModel({ original, modified: options.learner.model });

  return {
    diff,
    dispose(): void {
      // The learner's model belongs to the exercise editor: detach it, do not dispose it.
      diff.setModel(null);
      diff.dispose();
      original.dispose();
    },
  };
}

export type SolutionDiff = ReturnType<typeof createSolutionDiff>;

/**
 * "Show solution" / "Hide solution": a disclosure that opens a diff of the reference solution
 * against the learner's code, with "Use solution" (after confirmation; the
 * learner's code is kept as a backup) and "Restore my code".
 *
 * The course policy decides when the button works: `always`; `after-attempt`
 * (the default) once a run failed; `never` leaves the button and the
 * solution text out of the page altogether (Exercise.astro sees to that).
 */
import type { CodeEditor } from '../editor/code-editor.ts';
import type { DiffLayout, SolutionDiff } from '../editor/solution-diff.ts';
import type { CodeStore } from '../progress/code-store.ts';
import type { Notices } from './notices.ts';
import { confirmAction } from './confirm-dialog.ts';
import { ui } from '../i18n/ui.ts';

export type SolutionPolicy = 'always' | 'after-attempt' | 'never';

export interface SolutionPanelOptions {
  host: HTMLElement;
  button: HTMLButtonElement;
  lockNote: HTMLElement | null;
  panel: HTMLElement;
  solution: string;
  policy: SolutionPolicy;
  exercise: string;
  editor: CodeEditor;
  store: CodeStore;
  notices: Notices;
  /** Whether the learner has had a failed (or any graded) run. */
  hasAttempted(): boolean;
}

export function createSolutionPanel(options: SolutionPanelOptions) {
  const { button, panel, editor, store, notices } = options;
  const t = ui.exercise;
  const diffBox = panel.querySelector<HTMLElement>('[data-slot="diff"]')!;
  const useButton = panel.querySelector<HTMLButtonElement>('[data-action="use-solution"]')!;
  const restoreButton = panel.querySelector<HTMLButtonElement>('[data-action="restore"]')!;
  const explain = panel.querySelector<HTMLElement>('[data-slot="solution-explain"]');
  let diff: SolutionDiff | undefined;
  let opening: Promise<void> | undefined;

  function refreshLock(): void {
    const unlocked = options.policy === 'always' || options.hasAttempted();
    button.disabled = !unlocked;
    if (options.lockNote) options.lockNote.hidden = unlocked;
  }

  function refreshRestore(): void {
    restoreButton.hidden = store.readBackup() === null;
  }

  async function open(): Promise<void> {
    panel.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    button.textContent = t.hideSolution;
    refreshRestore();
    const { createSolutionDiff } = await import('../editor/solution-diff.ts');
    if (panel.hidden || diff) return;
    diff = createSolutionDiff({
      container: diffBox,
      solution: options.solution,
      exercise: options.exercise,
      learner: editor,
      ariaLabel: t.solutionHeading,
      onLayout(layout: DiffLayout) {
        panel.dataset.layout = layout;
        if (explain) explain.textContent = layout === 'side-by-side' ? t.solutionExplainSideBySide : t.solutionExplainInline;
      },
    });
  }

  function close(): void {
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    button.textContent = t.showSolution;
    diff?.dispose();
    diff = undefined;
  }

  async function useSolution(): Promise<void> {
    const sure = await confirmAction(options.host, {
      title: t.useSolutionTitle,
      body: t.useSolutionBody,
      confirm: t.useSolutionConfirm,
    });
    if (!sure) return;
    const current = editor.getValue();
    if (current !== options.solution) store.backup(current);
    editor.setValue(options.solution);
    refreshRestore();
  }

  function restore(): void {
    const backup = store.readBackup();
    if (!backup) return;
    editor.setValue(backup.code);
    notices.show({ id: 'restored', text: t.restored });
  }

  const onToggle = () => {
    if (panel.hidden) opening = open();
    else close();
  };
  const onUse = () => void useSolution();
  button.addEventListener('click', onToggle);
  useButton.addEventListener('click', onUse);
  restoreButton.addEventListener('click', restore);
  refreshLock();

  return {
    refreshLock,
    /** Resolves when the diff view is on screen (for tests and the first click before load). */
    get ready(): Promise<void> {
      return opening ?? Promise.resolve();
    },
    toggle: onToggle,
    dispose(): void {
      button.removeEventListener('click', onToggle);
      useButton.removeEventListener('click', onUse);
      restoreButton.removeEventListener('click', restore);
      close();
    },
  };
}

export type SolutionPanel = ReturnType<typeof createSolutionPanel>;

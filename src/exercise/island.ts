/**
 * The exercise block once it comes to life: Monaco in place of the static
 * code, the runner behind Run/Stop, output, training charts, checks, saved
 * code and the solution. boot.ts imports this module only when the block is
 * needed, so a lesson page pays for none of it up front.
 *
 * The DOM is rendered by Exercise.astro (so it exists, readable, without
 * JavaScript); this module finds its parts by `data-slot` / `data-action`.
 */
import type { Runner, RunEvent } from '../sandbox/page/runner.ts';
import { DEFAULT_TIME_LIMIT_MS, type BackendChoice, type ExportedModel, type RunResult } from '../sandbox/protocol.ts';
import { downloadModel } from './model-download.ts';
import type { CodeEditor } from '../editor/code-editor.ts';
import { browserStorage } from '../progress/local-storage.ts';
import { createProgressStore } from '../progress/store.ts';
import { EXERCISE_PASSED_EVENT, PROGRESS_EVENT, type ExercisePassedDetail } from '../progress/events.ts';
import { format, ui } from '../i18n/ui.ts';
import { createNotices } from './notices.ts';
import { createCodeSync } from './code-sync.ts';
import { exerciseVersion } from '../progress/course-version.ts';
import { createOutputLog } from './output-log.ts';
import { createTrainingView } from './training-chart.ts';
import { createShowPanel } from './show-panel.ts';
import { isFitEvent } from './fit-history.ts';
import { renderChecks } from './checks-view.ts';
import { celebrate } from './celebrate.ts';
import { confirmAction } from './confirm-dialog.ts';
import { formatSeconds, verdictOf, type ExerciseState } from './run-outcome.ts';
import { isBackendChoice, readBackendChoice, saveBackendChoice } from './backend-choice.ts';
import { createSolutionPanel, type SolutionPanel, type SolutionPolicy } from './solution-panel.ts';

export type ExerciseAction = 'run' | 'stop' | 'reset' | 'solution';

export interface Island {
  /** Does what a button click before the island loaded asked for. */
  perform(action: ExerciseAction): void;
  dispose(): void;
}

interface Sources {
  starter: string;
  checks?: string;
  solution?: string;
}

export interface MountOptions {
  /** Move focus into the editor once it is ready (the learner clicked or tabbed into the code). */
  focusEditor?: boolean;
}

function part<T extends HTMLElement = HTMLElement>(host: HTMLElement, selector: string): T {
  const found = host.querySelector<T>(selector);
  if (!found) throw new Error(`Exercise block is missing ${selector} (Exercise.astro and island.ts disagree).`);
  return found;
}

export async function mountExercise(host: HTMLElement, options: MountOptions = {}): Promise<Island> {
  const t = ui.exercise;
  const section = part(host, 'section[data-exercise]');
  const exercise = section.dataset.exercise!;
  const title = host.dataset.title ?? t.defaultTitle;
  const timeLimitMs = Number(host.dataset.timeLimitMs) || DEFAULT_TIME_LIMIT_MS;
  const policy = (host.dataset.solutions ?? 'after-attempt') as SolutionPolicy;
  const sources = JSON.parse(part(host, '[data-slot="sources"]').textContent ?? '{}') as Sources;
  const assetBase = new URL(import.meta.env.BASE_URL, location.href).href;

  const buttons = {
    run: part<HTMLButtonElement>(host, '[data-action="run"]'),
    stop: part<HTMLButtonElement>(host, '[data-action="stop"]'),
    reset: part<HTMLButtonElement>(host, '[data-action="reset"]'),
    solution: host.querySelector<HTMLButtonElement>('[data-action="solution"]'),
    downloadModel: host.querySelector<HTMLButtonElement>('[data-action="download-model"]'),
  };
  const editorBox = part(host, '[data-slot="editor"]');
  const staticCode = host.querySelector<HTMLElement>('[data-slot="static"]');
  const statusBackend = part(host, '[data-slot="status-backend"]');
  const statusTime = part(host, '[data-slot="status-time"]');
  const backendSelect = part<HTMLSelectElement>(host, '[data-slot="backend-choice"]');
  const announcer = part(host, '[data-slot="announce"]');
  const resultArea = part(host, '[data-slot="result"]');
  const notices = createNotices(part(host, '[data-slot="notices"]'));
  const output = createOutputLog(part(host, '[data-slot="output"]'));
  const training = createTrainingView(part(host, '[data-slot="training"]'));
  const shows = createShowPanel(output);

  const storage = browserStorage();
  const progress = createProgressStore(storage);
  let backend: BackendChoice = readBackendChoice(storage);
  backendSelect.value = backend;

  let editor: CodeEditor | undefined;
  let editorMount: HTMLElement | undefined;
  /** Set while we replace the editor's text ourselves, so it is not taken for typing. */
  let replacing = false;
  const sync = createCodeSync({
    storage,
    exercise,
    starter: sources.starter,
    version: exerciseVersion(sources.starter, sources.checks ?? ''),
    notices,
    replaceCode(code) {
      replacing = true;
      editor?.setValue(code);
      replacing = false;
    },
  });

  let runner: Runner | undefined;
  let controller: AbortController | undefined;
  /** Bumped by every run and every Stop; events and results of an older run are ignored. */
  let runToken = 0;
  let ticker: ReturnType<typeof setInterval> | undefined;
  let solution: SolutionPanel | undefined;
  let disposed = false;
  /** The model the last passing run sent back, for "Download my model". */
  let exported: ExportedModel | undefined;

  const state = (): ExerciseState => section.dataset.state as ExerciseState;
  function setState(next: ExerciseState): void {
    section.dataset.state = next;
    const running = next === 'running';
    // A button that gets disabled while it has focus drops keyboard users to
    // the top of the page; hand the focus to its counterpart instead.
    const focused = document.activeElement;
    buttons.run.disabled = running;
    buttons.stop.disabled = !running;
    buttons.reset.disabled = running;
    if (running && focused === buttons.run) buttons.stop.focus();
    if (!running && focused === buttons.stop) buttons.run.focus();
  }
  function announce(text: string): void {
    announcer.textContent = text;
  }

  function clearResults(): void {
    resultArea.replaceChildren();
    resultArea.hidden = true;
    editor?.clearError();
  }

  function stopTicker(): void {
    clearInterval(ticker);
    ticker = undefined;
  }

  async function getRunner(): Promise<Runner> {
    if (!runner) {
      const { createWorkerRunner } = await import('../sandbox/page/worker-runner.ts');
      runner = createWorkerRunner();
    }
    return runner;
  }

  /** The run's backend note ("SIMD · 2 threads"), kept for the status line after the run. */
  let backendNote: { backend: string; note: string } | undefined;
  function backendLine(backend: string): string {
    const note = backendNote?.backend === backend ? ` ${format(t.backendNote, { note: backendNote.note })}` : '';
    return format(t.backendInUse, { backend }) + note;
  }

  function onEvent(event: RunEvent): void {
    if (event.type === 'log') output.append(event.level, event.text);
    else if (event.type === 'backend') {
      backendNote = event.note ? { backend: event.backend, note: event.note } : undefined;
      statusBackend.textContent = backendLine(event.backend);
    } else if (event.type === 'model') exported = event.model;
    else if (event.type === 'show') shows.handle(event.view);
    else if (isFitEvent(event)) training.handle(event);
  }

  async function run(): Promise<void> {
    if (state() === 'running' || disposed) return;
    sync.flush();
    const token = ++runToken;
    const code = editor?.getValue() ?? sync.code;
    clearResults();
    output.clear();
    shows.clear();
    training.clear();
    exported = undefined;
    if (buttons.downloadModel) buttons.downloadModel.hidden = true;
    setState('running');
    statusBackend.textContent = t.starting;
    const started = performance.now();
    statusTime.textContent = format(t.runningFor, { seconds: '0.0' });
    ticker = setInterval(() => {
      statusTime.textContent = format(t.runningFor, { seconds: formatSeconds(performance.now() - started) });
    }, 100);
    controller = new AbortController();
    const { signal } = controller;
    // Run goes ahead regardless; the editor's type errors are listed first in the output
    // when TypeScript has them (a squiggle the learner missed explains odd values).
    void editor?.typeErrors().then(
      (errors) => {
        if (token === runToken) output.typeErrors(errors);
      },
      () => undefined,
    );

    let result: RunResult;
    try {
      const sandbox = await getRunner();
      if (token !== runToken) return;
      result = await sandbox.run(
        { exercise, code, ...(sources.checks ? { checks: sources.checks } : {}), backend, timeLimitMs, assetBase, exportModel: buttons.downloadModel !== null },
        { signal, onEvent: (event) => token === runToken && onEvent(event) },
      );
    } catch (error) {
      if (token !== runToken) return;
      stopTicker();
      statusTime.textContent = '';
      const message = format(t.runnerFailed, { message: error instanceof Error ? error.message : String(error) });
      output.system(message, 'error');
      setState('error');
      announce(message);
      return;
    }
    if (token !== runToken) return;
    finish(result);
  }

  function finish(result: RunResult): void {
    stopTicker();
    controller = undefined;
    statusBackend.textContent = backendLine(result.backend);
    statusTime.textContent = format(t.ranFor, { seconds: formatSeconds(result.runMs) });
    output.flush();
    output.reportDropped(result.droppedLogLines);
    const verdict = verdictOf(result, timeLimitMs);
    if (verdict.message) output.system(verdict.message, verdict.state === 'error' ? 'error' : 'system');
    if (verdict.mark) editor?.showError(verdict.mark);
    if (result.checks?.length) renderChecks(resultArea, result.checks);
    setState(verdict.state);

    if (buttons.downloadModel) buttons.downloadModel.hidden = !(verdict.state === 'passed' && exported);
    if (verdict.state === 'passed') {
      celebrate(resultArea);
      progress.markPassed(exercise);
      window.dispatchEvent(
        new CustomEvent<ExercisePassedDetail>(EXERCISE_PASSED_EVENT, { detail: { exercise, numbers: result.numbers ?? {} } }),
      );
      announce(t.celebrate);
    } else {
      announce(verdict.message ?? (verdict.total ? format(t.checksSummary, { passed: verdict.passed, total: verdict.total }) : format(t.ranFor, { seconds: formatSeconds(result.runMs) })));
    }
    if (verdict.attempt) progress.markAttempted(exercise);
    if (verdict.state === 'passed' || verdict.attempt) {
      window.dispatchEvent(new CustomEvent(PROGRESS_EVENT, { detail: { exercise } }));
      solution?.refreshLock();
    }
  }

  /** Stop gives the block back at once; the runner ends the worker in the background. */
  function stop(): void {
    if (state() !== 'running') return;
    runToken++;
    controller?.abort();
    controller = undefined;
    stopTicker();
    statusTime.textContent = '';
    output.system(t.stopped);
    setState('idle');
    announce(t.stopped);
  }

  async function reset(): Promise<void> {
    if (state() === 'running') return;
    const sure = await confirmAction(host, { title: t.resetTitle, body: t.resetBody, confirm: t.resetConfirm });
    if (!sure) return;
    editor?.setValue(sources.starter);
    clearResults();
    setState('idle');
  }

  const perform = (action: ExerciseAction): void => {
    if (action === 'run') void run();
    else if (action === 'stop') stop();
    else if (action === 'reset') void reset();
    else if (action === 'solution' && buttons.solution && !buttons.solution.disabled) solution?.toggle();
  };

  const onRunClick = () => perform('run');
  const onStopClick = () => perform('stop');
  const onResetClick = () => perform('reset');
  const onKey = (event: KeyboardEvent) => {
    // Monaco handles Ctrl+Enter itself (and prevents the default); this covers the rest of the block.
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.defaultPrevented) {
      event.preventDefault();
      perform('run');
    }
  };
  const onBackend = () => {
    if (!isBackendChoice(backendSelect.value)) return;
    backend = backendSelect.value;
    saveBackendChoice(storage, backend);
  };
  buttons.run.addEventListener('click', onRunClick);
  buttons.stop.addEventListener('click', onStopClick);
  buttons.reset.addEventListener('click', onResetClick);
  const onDownloadModelClick = (): void => {
    if (exported) downloadModel(exported);
  };
  buttons.downloadModel?.addEventListener('click', onDownloadModelClick);
  host.addEventListener('keydown', onKey);
  backendSelect.addEventListener('change', onBackend);
  setState('idle');
  host.dataset.island = 'wired';

  // The editor: the static code stays readable until Monaco is on screen.
  editorBox.dataset.loading = 'true';
  editorBox.setAttribute('aria-busy', 'true');
  try {
    const { createCodeEditor } = await import('../editor/code-editor.ts');
    if (disposed) throw new Error('The exercise block left the page while the editor loaded.');
    editorMount = document.createElement('div');
    editorMount.className = 'tl-monaco';
    editorBox.append(editorMount);
    editor = createCodeEditor({
      container: editorMount,
      value: sync.code,
      exercise,
      ariaLabel: format(t.editorLabel, { title }),
      runLabel: t.run,
      onChange(code) {
        if (replacing) sync.replaced(code);
        else sync.edited(code);
      },
      onRun: () => perform('run'),
    });
    // Focus the editor if the learner clicked or tabbed into the code while it loaded.
    const wantsFocus = options.focusEditor || (staticCode?.contains(document.activeElement) ?? false);
    staticCode?.remove();
    // Part of the block's contract (README): <tl-exercise>.code reads the editor's code.
    const current = editor;
    Object.defineProperty(host, 'code', { configurable: true, get: () => current.getValue() });
    host.dataset.island = 'ready';
    if (wantsFocus) editor.focus();
    // Start the sandbox (a worker loading TensorFlow.js) once the editor is
    // up, so the first Run does not wait for it, and the editor did not either.
    setTimeout(() => {
      if (!disposed) void getRunner().catch(() => undefined);
    }, 300);
  } catch (error) {
    if (disposed) return { perform() {}, dispose() {} };
    host.dataset.island = 'failed';
    notices.show({
      id: 'editor',
      kind: 'warning',
      text: format(t.editorFailed, { message: error instanceof Error ? error.message : String(error) }),
    });
  } finally {
    delete editorBox.dataset.loading;
    editorBox.removeAttribute('aria-busy');
  }

  const solutionPanel = host.querySelector<HTMLElement>('[data-slot="solution"]');
  if (editor && buttons.solution && solutionPanel && sources.solution !== undefined && policy !== 'never') {
    solution = createSolutionPanel({
      host,
      button: buttons.solution,
      lockNote: host.querySelector('[data-slot="solution-lock"]'),
      panel: solutionPanel,
      solution: sources.solution,
      policy,
      exercise,
      editor,
      store: sync.store,
      notices,
      hasAttempted: () => progress.hasAttempted(exercise),
    });
  }

  return {
    perform,
    dispose(): void {
      disposed = true;
      runToken++;
      stopTicker();
      controller?.abort();
      buttons.run.removeEventListener('click', onRunClick);
      buttons.stop.removeEventListener('click', onStopClick);
      buttons.reset.removeEventListener('click', onResetClick);
      buttons.downloadModel?.removeEventListener('click', onDownloadModelClick);
      host.removeEventListener('keydown', onKey);
      backendSelect.removeEventListener('change', onBackend);
      solution?.dispose();
      sync.dispose();
      training.dispose();
      editor?.dispose();
      editorMount?.remove();
      Reflect.deleteProperty(host, 'code');
      runner?.dispose();
      delete host.dataset.island;
    },
  };
}

/**
 * The output panel (`role="log"`): what the learner's code prints, one line
 * per entry, styled by level. The worker already caps a run at
 * MAX_LOG_LINES; the panel caps too, so a misbehaving runner cannot flood
 * the page, and says how many lines were left out.
 */
import { MAX_LOG_LINES, type LogLevel } from '../sandbox/protocol.ts';
import { format, ui } from '../i18n/ui.ts';

export type OutputLevel = LogLevel | 'system';

/**
 * The page's own cap sits a little above the worker's, so it only ever acts
 * if a runner misbehaves; the worker's cap and its dropped count stay the
 * ones the learner is told about.
 */
const PAGE_MAX_LINES = MAX_LOG_LINES + 100;

export function createOutputLog(panel: HTMLElement) {
  let lines = 0;
  let droppedHere = 0;
  // Lines wait here and reach the panel once per frame: measuring the panel after every
  // line forced a layout per line, which froze the page under a flood of output.
  let pending = document.createDocumentFragment();
  let frame = 0;
  // Follow the output unless the learner scrolled up to read; kept by the scroll listener,
  // so appending never has to measure.
  let following = true;
  panel.addEventListener('scroll', () => {
    following = panel.scrollHeight - panel.scrollTop - panel.clientHeight < 80;
  });

  function lineElement(level: OutputLevel, text: string): HTMLElement {
    const line = document.createElement('div');
    line.className = `tl-line tl-line-${level}`;
    line.dataset.level = level;
    line.textContent = text;
    return line;
  }

  function flush(): void {
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    if (!pending.hasChildNodes()) return;
    panel.append(pending);
    pending = document.createDocumentFragment();
    if (following) panel.scrollTop = panel.scrollHeight;
  }

  return {
    clear(): void {
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      pending = document.createDocumentFragment();
      panel.replaceChildren();
      delete panel.dataset.typeChecked;
      lines = 0;
      droppedHere = 0;
      following = true;
    },
    /** A line the learner's code printed. */
    append(level: LogLevel, text: string): void {
      if (lines >= PAGE_MAX_LINES) {
        droppedHere++;
        return;
      }
      lines++;
      pending.append(lineElement(level, text));
      frame ||= requestAnimationFrame(flush);
    },
    /**
     * A picture from `show` (a placeholder the show panel fills in), in order with the lines
     * around it. Views count against the page's cap like lines do.
     */
    appendView(element: HTMLElement): boolean {
      if (lines >= PAGE_MAX_LINES) {
        droppedHere++;
        return false;
      }
      lines++;
      pending.append(element);
      frame ||= requestAnimationFrame(flush);
      return true;
    },
    /** A message from the course itself (errors, "Stopped."), never capped; shown at once, after what came before it. */
    system(text: string, level: 'system' | 'error' = 'system'): void {
      flush();
      const line = lineElement(level === 'error' ? 'error' : 'system', text);
      line.classList.add('tl-line-note');
      panel.append(line);
      panel.scrollTop = panel.scrollHeight;
      following = true;
    },
    /**
     * The editor's TypeScript errors, put first in the panel (they can arrive after
     * the run's own lines): a line saying the run went ahead, then one line per error.
     */
    typeErrors(errors: readonly { line: number; column: number; message: string }[]): void {
      panel.querySelector('[data-type-errors]')?.remove();
      // How many errors the editor's TypeScript reported for this run (tests wait on it).
      panel.dataset.typeChecked = String(errors.length);
      if (errors.length === 0) return;
      const block = document.createElement('div');
      block.dataset.typeErrors = String(errors.length);
      const heading = lineElement('warn', format(errors.length === 1 ? ui.exercise.typeErrorsOne : ui.exercise.typeErrorsMany, { count: errors.length }));
      heading.classList.add('tl-line-note');
      block.append(heading);
      for (const error of errors) {
        block.append(lineElement('error', format(ui.exercise.typeErrorLine, { line: error.line, column: error.column, message: error.message })));
      }
      panel.prepend(block);
    },
    /** Puts every waiting line on the panel now (e.g. when a run ends). */
    flush,
    /** Reports lines dropped by the worker's cap and by this panel's. */
    reportDropped(droppedByWorker: number): void {
      const count = droppedByWorker + droppedHere;
      if (count > 0) this.system(format(ui.exercise.droppedLines, { count, max: MAX_LOG_LINES }));
    },
    get isEmpty(): boolean {
      return panel.childElementCount === 0 && !pending.hasChildNodes();
    },
  };
}

export type OutputLog = ReturnType<typeof createOutputLog>;

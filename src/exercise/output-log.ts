/**
 * The output panel (`role="log"`): what the learner's code prints, one line
 * per entry, styled by level. The worker already caps a run at
 * MAX_LOG_LINES; the panel caps too, so a misbehaving runner cannot flood
 * the page, and says how many lines were left out.
 */
import { MAX_LOG_LINES, type LogLevel } from '../runtime/protocol.ts';
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

  function addLine(level: OutputLevel, text: string): HTMLElement {
    const line = document.createElement('div');
    line.className = `tl-line tl-line-${level}`;
    line.dataset.level = level;
    line.textContent = text;
    panel.append(line);
    return line;
  }

  return {
    clear(): void {
      panel.replaceChildren();
      lines = 0;
      droppedHere = 0;
    },
    /** A line the learner's code printed. */
    append(level: LogLevel, text: string): void {
      if (lines >= PAGE_MAX_LINES) {
        droppedHere++;
        return;
      }
      lines++;
      addLine(level, text);
      // Follow the output unless the learner scrolled up to read.
      const nearBottom = panel.scrollHeight - panel.scrollTop - panel.clientHeight < 80;
      if (nearBottom) panel.scrollTop = panel.scrollHeight;
    },
    /** A message from the course itself (errors, "Stopped."), never capped. */
    system(text: string, level: 'system' | 'error' = 'system'): void {
      const line = addLine(level === 'error' ? 'error' : 'system', text);
      line.classList.add('tl-line-note');
      panel.scrollTop = panel.scrollHeight;
    },
    /** Reports lines dropped by the worker's cap and by this panel's. */
    reportDropped(droppedByWorker: number): void {
      const count = droppedByWorker + droppedHere;
      if (count > 0) this.system(format(ui.exercise.droppedLines, { count, max: MAX_LOG_LINES }));
    },
    get isEmpty(): boolean {
      return panel.childElementCount === 0;
    },
  };
}

export type OutputLog = ReturnType<typeof createOutputLog>;

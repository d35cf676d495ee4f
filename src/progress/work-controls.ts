/**
 * "Download my work" / "Load my work". Wires every `[data-work-controls]`
 * element on the page: WorkControls.astro renders the buttons; an empty
 * `<div data-work-controls></div>` gets them from here.
 *
 * The file format code (and zod, which validates it) loads on first click,
 * so this always-loaded script stays small.
 */
import { course } from '../course/config.ts';
import { browserStorage } from './local-storage.ts';
import { PROGRESS_EVENT, WORK_LOADED_EVENT } from './events.ts';
import { format, ui } from '../i18n/ui.ts';

const t = ui.progress;

function fillEmpty(container: HTMLElement): void {
  if (container.querySelector('[data-work="download"]')) return;
  container.setAttribute('role', 'group');
  container.setAttribute('aria-label', t.workControls);
  const button = (action: string, label: string) => {
    const element = document.createElement('button');
    element.type = 'button';
    element.dataset.work = action;
    element.textContent = label;
    return element;
  };
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = 'application/json,.json';
  input.hidden = true;
  input.dataset.work = 'file';
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.dataset.work = 'status';
  container.append(button('download', t.download), button('load', t.load), input, status);
}

function download(status: HTMLElement): void {
  void import('./work-file.ts')
    .then(({ collectWork, workFileName }) => {
      const now = new Date();
      // The course version this build was made with (WorkControls.astro writes it at build time).
      const version = document.querySelector<HTMLElement>('[data-course-version]')?.dataset.courseVersion;
      const file = collectWork(browserStorage(), course.id, now, version);
      const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = workFileName(course.id, now);
      link.click();
      // Revoke later: revoking at once can cancel the download in some browsers.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      status.textContent = '';
    })
    .catch((error: unknown) => {
      status.textContent = format(t.downloadFailed, { message: error instanceof Error ? error.message : String(error) });
    });
}

async function load(file: File, status: HTMLElement): Promise<void> {
  const { parseWorkFile, applyWork, MAX_WORK_FILE_BYTES } = await import('./work-file.ts');
  if (file.size > MAX_WORK_FILE_BYTES) {
    status.dataset.outcome = 'rejected';
    status.textContent = format(t.loadRejected, {
      reason: format(t.tooLarge, { size: (file.size / 1e6).toFixed(1), limit: (MAX_WORK_FILE_BYTES / 1e6).toFixed(0) }),
    });
    return;
  }
  const text = await file.text();
  const parsed = parseWorkFile(text, course.id);
  const applied = parsed.ok ? applyWork(browserStorage(), parsed.file) : parsed;
  if (!applied.ok) {
    status.dataset.outcome = 'rejected';
    status.textContent = format(t.loadRejected, { reason: applied.reason });
    return;
  }
  status.dataset.outcome = 'loaded';
  status.textContent = format(t.loaded, { count: applied.count });
  window.dispatchEvent(new CustomEvent(WORK_LOADED_EVENT));
  window.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
}

function wire(container: HTMLElement): void {
  if (container.dataset.workWired) return;
  container.dataset.workWired = 'true';
  fillEmpty(container);
  const status = container.querySelector<HTMLElement>('[data-work="status"]')!;
  const input = container.querySelector<HTMLInputElement>('[data-work="file"]')!;
  container.querySelector('[data-work="download"]')!.addEventListener('click', () => download(status));
  container.querySelector('[data-work="load"]')!.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    load(file, status).catch((error: unknown) => {
      status.dataset.outcome = 'rejected';
      status.textContent = format(t.loadRejected, { reason: error instanceof Error ? error.message : String(error) });
    });
  });
}

for (const container of document.querySelectorAll<HTMLElement>('[data-work-controls]')) wire(container);

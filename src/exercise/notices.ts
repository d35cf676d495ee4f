/**
 * Notices inside an exercise block: storage problems, a conflict with
 * another tab, "loaded from your work file". Each may carry buttons; each
 * can be dismissed. The container is a polite live region, so a new notice
 * is announced without stealing focus.
 */
import { ui } from '../i18n/ui.ts';

export interface NoticeAction {
  label: string;
  run(): void;
}

export interface NoticeOptions {
  /** A notice with the same id replaces the previous one. */
  id: string;
  text: string;
  kind?: 'info' | 'warning';
  actions?: NoticeAction[];
  /** Without actions a notice gets a Dismiss button; with actions, choosing one closes it. */
  dismissible?: boolean;
  /** Shown under the text, e.g. a diff. */
  details?: HTMLElement;
}

export function createNotices(container: HTMLElement) {
  const open = new Map<string, HTMLElement>();

  function close(id: string): void {
    open.get(id)?.remove();
    open.delete(id);
  }

  function show(options: NoticeOptions): () => void {
    close(options.id);
    const notice = document.createElement('div');
    notice.className = `tl-notice tl-notice-${options.kind ?? 'info'}`;
    notice.dataset.notice = options.id;
    const text = document.createElement('p');
    text.textContent = options.text;
    notice.append(text);
    if (options.details) notice.append(options.details);
    const buttons = document.createElement('div');
    buttons.className = 'tl-notice-actions';
    for (const action of options.actions ?? []) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = action.label;
      button.addEventListener('click', () => {
        close(options.id);
        action.run();
      });
      buttons.append(button);
    }
    if (options.dismissible ?? !options.actions?.length) {
      const dismiss = document.createElement('button');
      dismiss.type = 'button';
      dismiss.className = 'tl-notice-dismiss';
      dismiss.textContent = ui.exercise.dismiss;
      dismiss.addEventListener('click', () => close(options.id));
      buttons.append(dismiss);
    }
    notice.append(buttons);
    container.append(notice);
    open.set(options.id, notice);
    return () => close(options.id);
  }

  return { show, close, has: (id: string) => open.has(id) };
}

export type Notices = ReturnType<typeof createNotices>;

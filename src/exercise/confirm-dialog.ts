/**
 * An accessible confirmation (Reset, Use solution) on the native <dialog>:
 * modal, focus moved into it and trapped by the browser, Escape cancels,
 * named by its title and described by its text. `window.confirm` would block
 * the page and cannot be styled or translated consistently.
 */
import { ui } from '../i18n/ui.ts';

export interface ConfirmOptions {
  title: string;
  body: string;
  confirm: string;
}

let nextId = 0;

export function confirmAction(host: HTMLElement, options: ConfirmOptions): Promise<boolean> {
  const id = `tl-dialog-${++nextId}`;
  const dialog = document.createElement('dialog');
  dialog.className = 'tl-dialog';
  dialog.setAttribute('aria-labelledby', `${id}-title`);
  dialog.setAttribute('aria-describedby', `${id}-body`);
  const title = document.createElement('h2');
  title.id = `${id}-title`;
  title.textContent = options.title;
  const body = document.createElement('p');
  body.id = `${id}-body`;
  body.textContent = options.body;
  const actions = document.createElement('div');
  actions.className = 'tl-dialog-actions';
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.textContent = ui.exercise.cancel;
  const confirm = document.createElement('button');
  confirm.type = 'button';
  confirm.className = 'tl-primary';
  confirm.textContent = options.confirm;
  actions.append(cancel, confirm);
  dialog.append(title, body, actions);
  host.append(dialog);

  const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  return new Promise((resolve) => {
    const finish = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      returnFocus?.focus();
      resolve(answer);
    };
    cancel.addEventListener('click', () => finish(false));
    confirm.addEventListener('click', () => finish(true));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish(false);
    });
    dialog.showModal();
    // The safe choice has focus, so an accidental Enter does not destroy work.
    cancel.focus();
  });
}

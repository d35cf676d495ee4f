/**
 * The checks list after a run: a summary ("3 of 4 checks pass") and one
 * list item per check with its status; a failing check shows what was
 * expected and what came out, and its hint behind a "Hint" disclosure.
 */
import type { CheckResult } from '../sandbox/protocol.ts';
import { format, ui } from '../i18n/ui.ts';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function checkItem(check: CheckResult): HTMLLIElement {
  const t = ui.exercise;
  const item = element('li', 'tl-check');
  item.dataset.status = check.status;
  const mark = element('span', 'tl-check-mark', check.status === 'pass' ? '✓' : '✗');
  mark.setAttribute('aria-hidden', 'true');
  const title = element('span', 'tl-check-title', check.title);
  const status = element('span', 'visually-hidden', ` (${check.status === 'pass' ? t.checkPass : t.checkFail})`);
  item.append(mark, title, status);
  if (check.status === 'fail') {
    if (check.message) item.append(element('p', 'tl-check-message', check.message));
    if (check.expected !== undefined || check.actual !== undefined) {
      // Preformatted: values may be multi-line tensors.
      const values = element('div', 'tl-check-values');
      if (check.expected !== undefined) values.append(element('pre', '', format(t.checkExpected, { expected: check.expected })));
      if (check.actual !== undefined) values.append(element('pre', '', format(t.checkActual, { actual: check.actual })));
      item.append(values);
    }
    if (check.hint) {
      const hint = element('details', 'tl-check-hint');
      hint.append(element('summary', '', t.hint), element('p', '', check.hint));
      item.append(hint);
    }
  }
  return item;
}

export function renderChecks(area: HTMLElement, checks: CheckResult[]): { passed: number; total: number } {
  const passed = checks.filter((check) => check.status === 'pass').length;
  const total = checks.length;
  const summary = element('p', 'tl-checks-summary', format(ui.exercise.checksSummary, { passed, total }));
  const list = element('ul', 'tl-checks');
  // Explicit role: some browsers drop list semantics when list-style is none.
  list.setAttribute('role', 'list');
  list.setAttribute('aria-label', ui.exercise.checks);
  list.append(...checks.map(checkItem));
  area.replaceChildren(summary, list);
  area.hidden = false;
  return { passed, total };
}

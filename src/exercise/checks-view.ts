/**
 * The checks list after a run: a summary ("3 of 4 checks pass") and one
 * list item per check with its status; a failing check says what was
 * expected and what came out once — in its sentence, or, when the sentence
 * does not hold them, in an Expected/Actual box — and its hint behind a
 * "Hint" disclosure. A failure whose expected value gives the answer away
 * (`revealed`, from `{ reveal: n }` assertions) shows the gap only until the
 * learner has failed that check n times in this page (from failure n + 1 on,
 * the full message).
 */
import type { CheckResult } from '../sandbox/protocol.ts';
import { format, ui } from '../i18n/ui.ts';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Failed runs of each check, per checks area (one per exercise block), for `revealed`. */
const failuresByArea = new WeakMap<HTMLElement, Map<string, number>>();

/** The message to show: the held-back full one once the learner has failed the check often enough. */
function shownFailure(check: CheckResult, failures: number): { message?: string; expected?: string } {
  const revealed = check.revealed;
  if (revealed && failures > revealed.afterAttempts) {
    return { message: revealed.message, ...(revealed.expected !== undefined ? { expected: revealed.expected } : {}) };
  }
  return { ...(check.message !== undefined ? { message: check.message } : {}), ...(check.expected !== undefined ? { expected: check.expected } : {}) };
}

/** True when the sentence already says the value (so a box would say it twice). */
function says(message: string | undefined, value: string | undefined): boolean {
  return value === undefined || (message !== undefined && message.includes(value));
}

/** Messages that are about the run, not the check: when several checks share one, it is said once. */
const SHARED_ERROR = /^This check (crashed|cannot be trusted)/;

function checkItem(check: CheckResult, failures: number, sameAs?: string): HTMLLIElement {
  const t = ui.exercise;
  const item = element('li', 'tl-check');
  item.dataset.status = check.status;
  const mark = element('span', 'tl-check-mark', check.status === 'pass' ? '✓' : '✗');
  mark.setAttribute('aria-hidden', 'true');
  const title = element('span', 'tl-check-title', check.title);
  const status = element('span', 'visually-hidden', ` (${check.status === 'pass' ? t.checkPass : t.checkFail})`);
  item.append(mark, title, status);
  if (check.status === 'fail') {
    const { message, expected } = shownFailure(check, failures);
    const actual = check.actual;
    if (sameAs !== undefined) {
      item.append(element('p', 'tl-check-message', format(t.checkSameError, { title: sameAs })));
      return item;
    }
    if (message) item.append(element('p', 'tl-check-message', message));
    // Said once: the box only when the sentence does not already hold both values.
    if ((expected !== undefined || actual !== undefined) && !(says(message, expected) && says(message, actual))) {
      // Preformatted: values may be multi-line tensors.
      const values = element('div', 'tl-check-values');
      if (expected !== undefined) values.append(element('pre', '', format(t.checkExpected, { expected })));
      if (actual !== undefined) values.append(element('pre', '', format(t.checkActual, { actual })));
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
  let failures = failuresByArea.get(area);
  if (!failures) failuresByArea.set(area, (failures = new Map()));
  const counts = failures;
  // The first check that failed with each run-wide error (a crash, a tampered built-in).
  const firstWith = new Map<string, string>();
  list.append(
    ...checks.map((check) => {
      const failed = check.status === 'fail' ? (counts.get(check.title) ?? 0) + 1 : 0;
      if (check.status === 'fail') counts.set(check.title, failed);
      const message = check.status === 'fail' ? check.message : undefined;
      const shared = message !== undefined && SHARED_ERROR.test(message) ? firstWith.get(message) : undefined;
      if (message !== undefined && SHARED_ERROR.test(message) && shared === undefined) firstWith.set(message, check.title);
      return checkItem(check, failed, shared);
    }),
  );
  area.replaceChildren(summary, list);
  area.hidden = false;
  return { passed, total };
}

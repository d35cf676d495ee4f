/**
 * Anything a learner's code can throw or reject with -> a LearnerError:
 * name, a message written for the learner, and where in their TypeScript.
 */
import { formatValue } from './format.ts';
import type { ErrorPhase, LearnerError, SourcePosition } from '../protocol.ts';
import { bodyPosition } from './stack.ts';
import { SOURCE_URLS, type CompiledModule, type SourceFile } from './transpile.ts';

/** Globals a page has and a Web Worker does not: learners reach for them out of habit. */
const PAGE_ONLY_GLOBALS = new Set([
  'document', 'window', 'localStorage', 'sessionStorage', 'alert', 'confirm', 'prompt',
  'Image', 'HTMLCanvasElement', 'HTMLImageElement', 'parent', 'opener',
]);

/**
 * Where the learner called the library call that failed, for errors thrown
 * later inside it with no learner frame of their own (tfjs's `fit` fails in
 * its training loop, after awaits): fit-instrument.ts stores the call's stack
 * here on the error it passes on.
 */
const CALL_SITE = Symbol('transfer-lab.call-site');
// Captured at load: the learner's code may have replaced them by the time a fit fails.
const { defineProperty, getOwnPropertyDescriptor } = Object;

/** Remembers `stack` (taken at the learner's call) on `error`, unless it cannot be written. */
export function rememberCallSite(error: unknown, stack: string): void {
  if (typeof error !== 'object' || error === null) return;
  try {
    if (getOwnPropertyDescriptor(error, CALL_SITE) === undefined) {
      defineProperty(error, CALL_SITE, { __proto__: null, value: stack, enumerable: false, configurable: true } as PropertyDescriptor);
    }
  } catch {
    /* frozen error: it keeps no position */
  }
}

function callSiteOf(value: object): string {
  try {
    const stack = getOwnPropertyDescriptor(value, CALL_SITE)?.value;
    return typeof stack === 'string' ? stack : '';
  } catch {
    return '';
  }
}

/** Where the most recent `throw` marker pointed (see transpile.ts). */
export interface ThrowSite {
  file: SourceFile;
  position: SourcePosition;
}

export interface DescribeContext {
  phase: ErrorPhase;
  /** The compiled sources whose frames may appear in a stack. */
  modules: readonly CompiledModule[];
  /** The last `throw` executed and not caught since (used for values without a stack). */
  lastThrow?: ThrowSite;
  /** Where the code runs, for the page-only-global hint. */
  environment?: string;
}

export function describeThrown(value: unknown, context: DescribeContext): LearnerError {
  const errorLike = asErrorLike(value);
  if (!errorLike) {
    const shown = typeof value === 'string' ? JSON.stringify(value) : formatValue(value);
    const error: LearnerError = {
      phase: context.phase,
      name: 'Thrown value',
      message: `${shown} (a value that is not an Error, so it has no message; throw new Error('…') instead)`,
    };
    return withSite(error, context.lastThrow);
  }
  const error: LearnerError = {
    phase: context.phase,
    name: errorLike.name,
    message: friendlyMessage(errorLike.name, errorLike.message, context.environment ?? 'a Web Worker'),
  };
  const located = locate(errorLike.stack, context.modules) ?? locate(callSiteOf(value as object), context.modules);
  return located ? withSite(error, located) : error;
}

function withSite(error: LearnerError, site: ThrowSite | undefined): LearnerError {
  if (!site) return error;
  return { ...error, position: site.position, file: site.file };
}

interface ErrorLike {
  name: string;
  message: string;
  stack: string;
}

/** Reads name/message/stack defensively: a learner's error object may have throwing getters. */
function asErrorLike(value: unknown): ErrorLike | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  try {
    const v = value as { name?: unknown; message?: unknown; stack?: unknown };
    if (!(value instanceof Error) && typeof v.message !== 'string') return undefined;
    return {
      name: typeof v.name === 'string' && v.name ? v.name : 'Error',
      message: typeof v.message === 'string' ? v.message : '',
      stack: typeof v.stack === 'string' ? v.stack : '',
    };
  } catch {
    return { name: 'Error', message: '(an error whose message could not be read)', stack: '' };
  }
}

/**
 * Engine and browser messages that say what happened but not why, each with
 * the explanation a learner needs. The engine's words stay first, so they can
 * still be searched for.
 */
const EXPLANATIONS: readonly { name: string; message: RegExp; why: string; shown?: string }[] = [
  {
    name: 'RangeError',
    message: /^Maximum call stack size exceeded$|^too much recursion$/,
    why: 'a function kept calling itself without end. Check the condition that should stop the recursion.',
  },
  {
    name: 'RangeError',
    message: /^Array buffer allocation failed$|^Out of memory$/,
    why: 'the browser has no memory left for your data. Use smaller tensors or arrays, fewer of them, and dispose() tensors you no longer need.',
  },
  {
    name: 'RangeError',
    message: /^Invalid typed array length/,
    why: 'that is more numbers than a browser can hold at once. Check the shape you asked for.',
  },
  {
    // Emscripten's abort() in the wasm backend: almost always memory exhausted.
    name: 'RuntimeError',
    message: /^Aborted\(/,
    // "Aborted(). Build with -sASSERTIONS for more info." speaks to the library's authors, not to learners.
    shown: 'Aborted()',
    why: 'the TensorFlow.js wasm backend ran out of memory. Use smaller tensors, fewer of them, and dispose() tensors you no longer need.',
  },
  {
    // tfjs, when model.fit finds no trainable weight at all (lesson 6: `layer.trainable = false` on every layer).
    name: 'Error',
    message: /^variableGrads\(\) expects at least one of the input variables to be trainable/,
    why: 'Nothing can learn: every layer is frozen, the new head too. Keep the new head trainable (leave `trainable` true on it), then compile and fit again.',
  },
  {
    name: 'TypeError',
    message: /^Failed to fetch$|^NetworkError when attempting to fetch resource\.?$|^Load failed$/,
    why: 'the address could not be reached from the browser (no connection, or that site does not let other sites read it). The course data comes from `lab` (e.g. lab.datasets.load).',
  },
];

function friendlyMessage(name: string, message: string, environment: string): string {
  const explained = EXPLANATIONS.find((rule) => rule.name === name && rule.message.test(message));
  // The engine's words first (searchable), without their own full stop before the explanation.
  if (explained) return `${(explained.shown ?? message).replace(/\.$/, '')}: ${explained.why}`;
  if (name !== 'ReferenceError') return message;
  const match = /^(\w+) is not defined$/.exec(message) ?? /^Can't find variable: (\w+)$/.exec(message);
  const global = match?.[1];
  if (global && PAGE_ONLY_GLOBALS.has(global)) {
    return `${global} is not available: your code runs in ${environment}, away from the page.`;
  }
  return message;
}

/** The innermost frame that belongs to one of the learner's sources, mapped to its TypeScript. */
export function locate(stack: string, modules: readonly CompiledModule[]): ThrowSite | undefined {
  let best: { index: number; module: CompiledModule } | undefined;
  for (const module of modules) {
    const index = stack.indexOf(`${SOURCE_URLS[module.file]}:`);
    if (index !== -1 && (!best || index < best.index)) best = { index, module };
  }
  if (!best) return undefined;
  const body = bodyPosition(stack.slice(best.index), SOURCE_URLS[best.module.file]);
  const position = body && best.module.toSource(body.line, body.column);
  return position ? { file: best.module.file, position } : undefined;
}

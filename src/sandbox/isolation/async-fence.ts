/**
 * Ends the learner's code when its turn is over, so that it cannot keep
 * running while the checks run.
 *
 * Why: the checks run in the same worker right after the learner's code. A
 * timer, an interval or a MessageChannel ping-pong the code left behind
 * would otherwise fire *between* the steps of an asynchronous check and
 * could patch TensorFlow.js under it (measured before this module existed:
 * `setInterval(() => { tf.Tensor.prototype.dataSync = fake }, 1)` made an
 * async check that reads a sum pass with a wrong value).
 *
 * How: before the learner's code runs, the worker's own asynchronous entry
 * points are replaced by wrappers that remember what is scheduled or opened
 * while the fence is open: timers, intervals, animation frames, microtasks
 * and scheduler tasks (their callbacks are dropped once sealed), message and
 * broadcast channels, nested workers, sockets and event sources (closed),
 * fetches (aborted). `seal()` does all that at the end of the learner's
 * phase; whatever is scheduled afterwards (by tfjs or the checks) runs
 * normally. The wrappers replace the originals on every object of the
 * global's prototype chain and cannot be replaced back, so the originals are
 * out of the learner's reach.
 *
 * What it cannot stop: a promise continuation woken by a platform API it
 * does not wrap (crypto.subtle, Blob.text(), IndexedDB...). For those,
 * isolation.ts compares the recorded built-ins and tfjs objects after the
 * checks (`compare()`) and fails every check that ran while one changed.
 */

type Callback = (...args: unknown[]) => unknown;
type AnyFunction = (...args: never[]) => unknown;

export interface AsyncFence {
  /** Drops every callback scheduled and closes every channel opened since install. Idempotent. */
  seal(): void;
  readonly sealed: boolean;
}

const { getOwnPropertyDescriptor, defineProperty, getPrototypeOf } = Object;
const { apply, construct } = Reflect;

/** Replaces `name` on `owner` and every prototype that has it; returns the original (from the nearest level). */
function replaceEverywhere(owner: object, name: string, make: (original: AnyFunction) => unknown): AnyFunction | undefined {
  let original: AnyFunction | undefined;
  const levels: object[] = [];
  for (let object: object | null = owner; object; object = getPrototypeOf(object) as object | null) {
    const descriptor = getOwnPropertyDescriptor(object, name);
    if (!descriptor) continue;
    const value = descriptor.get ? apply(descriptor.get, owner, []) : descriptor.value;
    if (typeof value !== 'function') continue;
    original ??= value as AnyFunction;
    levels.push(object);
  }
  if (!original) return undefined;
  const replacement = make(original);
  for (const object of levels) {
    try {
      defineProperty(object, name, { value: replacement, writable: false, configurable: false, enumerable: true });
    } catch {
      // A non-configurable original (none in Chromium's workers): the wrapper on the global still shadows it.
    }
  }
  return original;
}

export function installAsyncFence(globalObject: typeof globalThis): AsyncFence {
  let sealed = false;
  /** Work to undo on seal: cancel a timer, close a port, abort a fetch. */
  const undo: (() => void)[] = [];
  let pending = 0;
  // defineProperty, not `undo[i] = …`: an index assignment would consult a setter the learner may have put on Array.prototype.
  const onSeal = (action: () => void): void => {
    defineProperty(undo, pending++, { value: action, writable: true, enumerable: true, configurable: true });
  };
  const nativeEval = globalObject.eval;
  /** The learner's callback, silenced once sealed (string handlers are code too). */
  const guarded = (handler: unknown): unknown => {
    const callback = typeof handler === 'function' ? (handler as Callback) : () => nativeEval(String(handler));
    return function fenced(this: unknown, ...args: unknown[]): unknown {
      if (sealed) return undefined;
      return apply(callback, this, args);
    };
  };

  // Timers, intervals, animation frames: scheduled with a silenced callback, cancelled on seal.
  const scheduler = (name: string, cancelName: string): void => {
    const cancel = globalObject[cancelName as keyof typeof globalThis] as unknown as AnyFunction | undefined;
    replaceEverywhere(globalObject, name, (original) =>
      function schedule(this: unknown, handler: unknown, ...rest: unknown[]): unknown {
        if (sealed) return apply(original, globalObject, [handler, ...rest]);
        const id = apply(original, globalObject, [guarded(handler), ...rest]);
        if (cancel) onSeal(() => apply(cancel, globalObject, [id]));
        return id;
      },
    );
  };
  scheduler('setTimeout', 'clearTimeout');
  scheduler('setInterval', 'clearInterval');
  scheduler('requestAnimationFrame', 'cancelAnimationFrame');

  replaceEverywhere(globalObject, 'queueMicrotask', (original) =>
    function queueMicrotask(callback: unknown): void {
      apply(original, globalObject, [sealed ? callback : guarded(callback)]);
    },
  );

  const scheduling = (globalObject as { scheduler?: object }).scheduler;
  if (scheduling) {
    replaceEverywhere(scheduling, 'postTask', (original) =>
      function postTask(callback: unknown, ...rest: unknown[]): unknown {
        return apply(original, scheduling, [sealed ? callback : guarded(callback), ...rest]);
      },
    );
  }

  // Things that deliver events: closed (or terminated) on seal.
  const closable = (name: string, close: (instance: Record<string, AnyFunction>) => void): void => {
    replaceEverywhere(globalObject, name, (Original) => {
      const fenced: AnyFunction = new Proxy(Original, {
        construct(target, args, newTarget): object {
          const instance: object = construct(target as unknown as new (...a: unknown[]) => object, args, newTarget === fenced ? target : newTarget);
          if (!sealed) onSeal(() => close(instance as Record<string, AnyFunction>));
          return instance;
        },
      });
      // `new MessageChannel.prototype.constructor()` would otherwise reach the original.
      const prototype = (Original as unknown as { prototype?: object }).prototype;
      if (prototype) {
        try {
          defineProperty(prototype, 'constructor', { value: fenced, writable: false, configurable: false, enumerable: false });
        } catch {
          /* leave it */
        }
      }
      return fenced;
    });
  };
  const call = (instance: Record<string, AnyFunction>, method: string): void => {
    try {
      const fn = instance[method];
      if (typeof fn === 'function') apply(fn, instance, []);
    } catch {
      /* already closed */
    }
  };
  closable('MessageChannel', (channel) => {
    const { port1, port2 } = channel as unknown as { port1: Record<string, AnyFunction>; port2: Record<string, AnyFunction> };
    call(port1, 'close');
    call(port2, 'close');
  });
  closable('BroadcastChannel', (channel) => call(channel, 'close'));
  closable('Worker', (worker) => call(worker, 'terminate'));
  closable('WebSocket', (socket) => call(socket, 'close'));
  closable('EventSource', (source) => call(source, 'close'));

  // Fetches: aborted on seal, so their continuations fail instead of arriving during the checks.
  const NativeAbortController = globalObject.AbortController;
  const anySignal = (globalObject.AbortSignal as { any?: (signals: AbortSignal[]) => AbortSignal } | undefined)?.any;
  replaceEverywhere(globalObject, 'fetch', (original) =>
    function fetch(this: unknown, input: unknown, init?: RequestInit): unknown {
      if (sealed || !NativeAbortController) return apply(original, globalObject, [input, init]);
      const controller = new NativeAbortController();
      onSeal(() => controller.abort());
      const theirs = init?.signal;
      const signal = theirs && anySignal ? apply(anySignal, globalObject.AbortSignal, [[theirs, controller.signal]]) : controller.signal;
      return apply(original, globalObject, [input, { ...init, signal }]);
    },
  );

  return {
    get sealed() {
      return sealed;
    },
    seal() {
      if (sealed) return;
      sealed = true;
      for (let i = 0; i < pending; i++) {
        try {
          undo[i]!();
        } catch {
          // One failing cancellation must not keep the others from running.
        }
      }
      undo.length = 0;
      pending = 0;
    },
  };
}

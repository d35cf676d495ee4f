/**
 * Errors the learner's code lets escape outside its own promise chain
 * (a floating rejected promise, a throw in a timer callback), caught on an
 * event target (the worker's scope, or a browser page's window) so they fail
 * the run instead of reaching the console. Returns the function that stops
 * listening. Node's `process` events are the in-process runner's own affair.
 */
export function watchEscapedErrors(target: EventTarget, onError: (value: unknown) => void): () => void {
  const onRejection = (event: Event): void => {
    event.preventDefault();
    onError((event as PromiseRejectionEvent).reason);
  };
  const onUncaught = (event: Event): void => {
    event.preventDefault();
    const { error, message } = event as ErrorEvent;
    onError(error ?? new Error(message));
  };
  target.addEventListener('unhandledrejection', onRejection);
  target.addEventListener('error', onUncaught);
  return () => {
    target.removeEventListener('unhandledrejection', onRejection);
    target.removeEventListener('error', onUncaught);
  };
}

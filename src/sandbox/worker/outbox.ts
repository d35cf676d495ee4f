/**
 * The worker's side of event batching (see `EventBatch` in protocol.ts).
 *
 * Up to BURST events per 50 ms window are posted at once, one batch each, so
 * ordinary output and progress reach the page immediately, even when the
 * code then blocks the worker (`console.log('start'); while (true) {}` must
 * still show "start"). Past that rate the events are queued and posted
 * together when the window ends. The window is checked on every push, not
 * only by a timer, because a synchronous learner loop starves timers: a flood
 * keeps flowing, a few times per second, while it runs.
 */
import { clearTimer, now, setTimer } from '../isolation/intrinsics.ts';
import type { EventBatch, WorkerToPage } from '../protocol.ts';

export const FLUSH_INTERVAL_MS = 50;
/** Events posted one by one per window before batching starts. */
export const BURST = 20;
const MAX_QUEUE = 500;

export interface Outbox {
  push(event: WorkerToPage): void;
  /** Records the run's dropped-line total; posts it when the window ends (keeps the page's count fresh during a flood). */
  noteDropped(total: number): void;
  /** Posts whatever is queued now. */
  flush(): void;
}

export function createOutbox(post: (batch: EventBatch) => void, runId: number): Outbox {
  let queue: WorkerToPage[] = [];
  let windowStart = -Infinity;
  let postedInWindow = 0;
  let dropped = 0;
  let sentDropped = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const send = (events: WorkerToPage[]): void => {
    sentDropped = dropped;
    postedInWindow++;
    post({ type: 'batch', id: runId, events, droppedLogLines: dropped });
  };
  const flush = (): void => {
    clearTimer(timer);
    timer = undefined;
    if (queue.length === 0 && dropped === sentDropped) return;
    const events = queue;
    queue = [];
    send(events);
  };
  /** Starts a new window if the current one is over; queued events go out first. */
  const roll = (): void => {
    const t = now();
    if (t - windowStart < FLUSH_INTERVAL_MS) return;
    flush();
    windowStart = t;
    postedInWindow = 0;
  };

  return {
    push(event) {
      roll();
      if (queue.length === 0 && postedInWindow < BURST) {
        send([event]);
        return;
      }
      queue.push(event);
      if (queue.length >= MAX_QUEUE) flush();
      else timer ??= setTimer(flush, FLUSH_INTERVAL_MS);
    },
    noteDropped(total) {
      dropped = total;
      roll();
      timer ??= setTimer(flush, FLUSH_INTERVAL_MS);
    },
    flush,
  };
}

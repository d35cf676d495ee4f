/**
 * The worker's side of event batching (see `EventBatch` in protocol.ts).
 *
 * Events are queued and posted together when the oldest is ~50 ms old or the
 * queue is long. The age is checked on every push, not only by a timer,
 * because a synchronous learner loop starves timers: its output must still
 * reach the page while it runs, so that Stop shows what it printed.
 */
import { clearTimer, now, setTimer } from './intrinsics.ts';
import type { EventBatch, WorkerToPage } from './protocol.ts';

export const FLUSH_INTERVAL_MS = 50;
const MAX_QUEUE = 500;

export interface Outbox {
  push(event: WorkerToPage): void;
  /** Records the run's dropped-line total; posts a batch if the last one is old (keeps the page's count fresh during a flood). */
  noteDropped(total: number): void;
  /** Posts whatever is queued now. */
  flush(): void;
}

export function createOutbox(post: (batch: EventBatch) => void, runId: number): Outbox {
  let queue: WorkerToPage[] = [];
  let lastFlush = now();
  let dropped = 0;
  let sentDropped = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = (): void => {
    clearTimer(timer);
    timer = undefined;
    lastFlush = now();
    if (queue.length === 0 && dropped === sentDropped) return;
    const events = queue;
    queue = [];
    sentDropped = dropped;
    post({ type: 'batch', id: runId, events, droppedLogLines: dropped });
  };

  return {
    push(event) {
      queue.push(event);
      if (queue.length >= MAX_QUEUE || now() - lastFlush >= FLUSH_INTERVAL_MS) flush();
      else timer ??= setTimer(flush, FLUSH_INTERVAL_MS);
    },
    noteDropped(total) {
      dropped = total;
      if (now() - lastFlush >= FLUSH_INTERVAL_MS) flush();
      else timer ??= setTimer(flush, FLUSH_INTERVAL_MS);
    },
    flush,
  };
}

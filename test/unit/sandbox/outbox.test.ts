import { describe, expect, it } from 'vitest';
import { BURST, createOutbox, FLUSH_INTERVAL_MS } from '../../../src/sandbox/worker/outbox.ts';
import type { EventBatch } from '../../../src/sandbox/protocol.ts';

const log = (text: string) => ({ type: 'log', id: 1, level: 'log', text }) as const;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const texts = (batches: EventBatch[]) => batches.flatMap((b) => b.events.map((e) => (e.type === 'log' ? e.text : '')));

describe('outbox', () => {
  it('posts ordinary output at once, so a loop that blocks afterwards cannot hide it', () => {
    const batches: EventBatch[] = [];
    const outbox = createOutbox((b) => batches.push(b), 1);
    outbox.push(log('start'));
    // (no timer can run from here on in the real case: `while (true) {}`)
    expect(texts(batches)).toEqual(['start']);
  });

  it('batches a burst beyond the per-window rate and sends the rest when the window ends', async () => {
    const batches: EventBatch[] = [];
    const outbox = createOutbox((b) => batches.push(b), 1);
    for (let i = 0; i < BURST + 30; i++) outbox.push(log(String(i)));
    expect(batches).toHaveLength(BURST);
    await wait(FLUSH_INTERVAL_MS + 30);
    expect(batches).toHaveLength(BURST + 1);
    expect(batches.at(-1)!.events).toHaveLength(30);
    expect(texts(batches)).toEqual(Array.from({ length: BURST + 30 }, (_, i) => String(i)));
  });

  it('keeps a flood flowing during a synchronous loop, which starves timers', () => {
    const batches: EventBatch[] = [];
    const outbox = createOutbox((b) => batches.push(b), 1);
    const until = performance.now() + 3 * FLUSH_INTERVAL_MS + 20;
    let n = 0;
    while (performance.now() < until) outbox.push(log(String(n++)));
    // Every window: BURST single posts, then the queue of the previous window.
    expect(batches.length).toBeGreaterThan(3 * BURST);
    expect(batches.length).toBeLessThan(5 * (BURST + 1) + n / 500);
    expect(texts(batches)).toEqual(Array.from({ length: texts(batches).length }, (_, i) => String(i)));
    outbox.flush();
  });

  it('carries the dropped-line total, even when no event is queued', () => {
    const batches: EventBatch[] = [];
    const outbox = createOutbox((b) => batches.push(b), 7);
    outbox.noteDropped(1234);
    outbox.flush();
    expect(batches).toEqual([{ type: 'batch', id: 7, events: [], droppedLogLines: 1234 }]);
    outbox.flush();
    expect(batches).toHaveLength(1); // nothing new: nothing sent
  });
});

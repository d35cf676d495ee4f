import { describe, expect, it } from 'vitest';
import { createOutbox, FLUSH_INTERVAL_MS } from '../../../src/runtime/outbox.ts';
import type { EventBatch } from '../../../src/runtime/protocol.ts';

const log = (text: string) => ({ type: 'log', id: 1, level: 'log', text }) as const;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('outbox', () => {
  it('sends events in batches, in order, after at most the flush interval', async () => {
    const batches: EventBatch[] = [];
    const outbox = createOutbox((b) => batches.push(b), 1);
    outbox.push(log('a'));
    outbox.push(log('b'));
    expect(batches).toHaveLength(0);
    await wait(FLUSH_INTERVAL_MS + 30);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.events.map((e) => (e.type === 'log' ? e.text : ''))).toEqual(['a', 'b']);
  });

  it('flushes during a synchronous loop, which starves timers', () => {
    const batches: EventBatch[] = [];
    const outbox = createOutbox((b) => batches.push(b), 1);
    const until = performance.now() + 3 * FLUSH_INTERVAL_MS + 20;
    let n = 0;
    while (performance.now() < until) outbox.push(log(String(n++)));
    expect(batches.length).toBeGreaterThanOrEqual(3);
    const texts = batches.flatMap((b) => b.events.map((e) => (e.type === 'log' ? e.text : '')));
    expect(texts.slice(0, 3)).toEqual(['0', '1', '2']);
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

import { describe, expect, it } from 'vitest';
import {
  isConnectMessage,
  isMessage,
  isPageToWorker,
  isWorkerWireMessage,
  type WorkerToPage,
} from '../../../src/sandbox/protocol.ts';

describe('protocol guards', () => {
  it('accepts every message the worker sends', () => {
    const messages: unknown[] = [
      { type: 'ready' },
      { type: 'backend', id: 1, backend: 'wasm' },
      { type: 'log', id: 1, level: 'log', text: 'hi' },
      { type: 'fit-start', id: 1, fit: 0, epochs: 3 },
      { type: 'fit-batch', id: 1, fit: 0, epoch: 0, batch: 4 },
      { type: 'fit-epoch', id: 1, fit: 0, epoch: 0, logs: { loss: 1 } },
      { type: 'fit-end', id: 1, fit: 0 },
      { type: 'batch', id: 1, events: [], droppedLogLines: 0 },
      { type: 'done', id: 1, result: { status: 'ok' } },
    ];
    for (const message of messages) expect(isWorkerWireMessage(message), JSON.stringify(message)).toBe(true);
  });

  it('rejects unknown types, missing ids and malformed batches', () => {
    for (const message of [
      null,
      'ready',
      { type: 'hello' },
      { type: 'log', text: 'no id' },
      { type: 'batch', id: 1, events: 'nope', droppedLogLines: 0 },
      { type: 'batch', id: 1, events: [] },
      { type: 'done', id: 1 },
    ]) {
      expect(isWorkerWireMessage(message), JSON.stringify(message)).toBe(false);
    }
  });

  it('recognises a run request and only a run request on the port', () => {
    expect(isPageToWorker({ type: 'run', request: { id: 3, code: 'x' } })).toBe(true);
    expect(isPageToWorker({ type: 'run', request: { code: 'x' } })).toBe(false);
    expect(isPageToWorker({ type: 'connect' })).toBe(false);
  });

  it('needs a real MessagePort in a connect message', () => {
    const { port1, port2 } = new MessageChannel();
    expect(isConnectMessage({ type: 'connect', port: port1 })).toBe(true);
    expect(isConnectMessage({ type: 'connect', port: {} })).toBe(false);
    port1.close();
    port2.close();
  });

  it('narrows with isMessage', () => {
    const message: WorkerToPage = { type: 'fit-epoch', id: 1, fit: 0, epoch: 2, logs: { loss: 0.5 } };
    expect(isMessage(message, 'fit-epoch') && message.logs.loss).toBe(0.5);
    expect(isMessage(message, 'log')).toBe(false);
  });
});

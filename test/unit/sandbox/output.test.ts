import { describe, expect, it } from 'vitest';
import { createOutputSink, DROP_REPORT_STRIDE } from '../../../src/sandbox/worker/output.ts';
import { MAX_LOG_LINES } from '../../../src/sandbox/protocol.ts';

describe('output sink', () => {
  it('keeps the first lines and counts the rest', () => {
    const streamed: string[] = [];
    const sink = createOutputSink({ maxLines: 3, onLine: (line) => streamed.push(line.text) });
    for (let i = 0; i < 10; i++) sink.write('log', String(i));
    expect(streamed).toEqual(['0', '1', '2']);
    expect(sink.lines.map((l) => l.text)).toEqual(['0', '1', '2']);
    expect(sink.dropped).toBe(7);
    expect(sink.truncationNote()).toBe('… 7 more lines of output were not shown (the limit is 3 lines per run).');
  });

  it('counts lines, not calls: a multi-line message is cut where the limit falls', () => {
    const sink = createOutputSink({ maxLines: 3 });
    sink.write('log', 'a');
    sink.write('warn', 'b\nc\nd\ne');
    expect(sink.lines).toEqual([
      { level: 'log', text: 'a' },
      { level: 'warn', text: 'b\nc' },
    ]);
    expect(sink.dropped).toBe(2);
  });

  it('cuts an over-long line and says how much was cut', () => {
    const sink = createOutputSink({ maxLineChars: 5 });
    sink.write('log', 'abcdefgh');
    expect(sink.lines[0]?.text).toBe('abcde… (3 more characters)');
  });

  it('uses MAX_LOG_LINES by default and has no note when nothing was dropped', () => {
    const sink = createOutputSink();
    for (let i = 0; i < MAX_LOG_LINES; i++) sink.write('log', 'x');
    expect(sink.dropped).toBe(0);
    expect(sink.truncationNote()).toBeUndefined();
    sink.write('log', 'one too many');
    expect(sink.dropped).toBe(1);
  });

  it('reports the dropped total on the first drop and then every stride', () => {
    const reports: number[] = [];
    const sink = createOutputSink({ maxLines: 1, onDropped: (total) => reports.push(total) });
    for (let i = 0; i < 1 + 2 * DROP_REPORT_STRIDE + 1; i++) sink.write('log', 'x');
    expect(reports).toEqual([1, DROP_REPORT_STRIDE + 1, 2 * DROP_REPORT_STRIDE + 1]);
  });
});

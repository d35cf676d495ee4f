/** The caps and the message building of `show` (src/lab/show-views.ts): pure, no tfjs. */
import { describe, expect, it } from 'vitest';
import {
  SHOW_LIMITS,
  cellText,
  confusionView,
  imagesWithinBytes,
  linechartView,
  mapsToBytes,
  perClassView,
  tableView,
  unitToByte,
  viewBytes,
  weightsToBytes,
} from '../../../src/lab/show-views.ts';

describe('show views', () => {
  it('turns every shipped byte, read as byte / 255 in float32, back into itself', () => {
    for (let b = 0; b <= 255; b++) expect(unitToByte(Math.fround(b / 255))).toBe(b);
    expect([unitToByte(-1), unitToByte(Number.NaN), unitToByte(2)]).toEqual([0, 0, 255]);
  });

  it('caps a table in rows and columns and says so', () => {
    const rows = Array.from({ length: 250 }, (_, i) => Object.fromEntries(Array.from({ length: 15 }, (_, c) => [`c${c}`, i * c + 0.123456])));
    const view = tableView(rows, undefined, 'big');
    expect(view.rows).toHaveLength(SHOW_LIMITS.rows);
    expect(view.columns).toHaveLength(SHOW_LIMITS.columns);
    expect(view.total).toBe(250);
    expect(view.notices).toEqual(['Showing 100 of 250 rows (the most one view shows).', 'Showing 12 of 15 columns (the most one view shows).']);
    expect(view.rows[1]![2]).toBe('2.123');
  });

  it('takes rows as lists with headers, and refuses a mix of objects and other values', () => {
    const view = tableView([[1, 'a'], [2, 'b', true]], ['k', 'name'], undefined);
    expect(view.columns).toEqual(['k', 'name', '3']);
    expect(view.rows).toEqual([['1', 'a', ''], ['2', 'b', 'true']]);
    expect(() => tableView([{ a: 1 }, 5], undefined, undefined)).toThrow(/every row as an object/);
    expect(() => tableView('rows', undefined, undefined)).toThrow(/list of objects or of lists/);
  });

  it('cuts a long cell', () => {
    expect(cellText('x'.repeat(500))).toHaveLength(SHOW_LIMITS.cellChars);
  });

  it('keeps at most imagesPerCell images behind each confusion cell, and exactly the cell they belong to', () => {
    const n = 100;
    // 60 images of class 0 predicted 0, 30 of class 0 predicted 1, 10 of class 1 predicted 1.
    const truth = Array.from({ length: n }, (_, i) => (i < 90 ? 0 : 1));
    const predicted = Array.from({ length: n }, (_, i) => (i < 60 ? 0 : 1));
    const view = confusionView([[60, 30], [0, 10]], ['a', 'b'], undefined, {
      truth,
      predicted,
      imageAt: (i) => new Uint8Array(4).fill(i),
      width: 2,
      height: 2,
      channels: 1,
    });
    const cells = view.cells!;
    const per = (t: number, p: number) => cells.truth.filter((tr, i) => tr === t && cells.predicted[i] === p).length;
    expect([per(0, 0), per(0, 1), per(1, 0), per(1, 1)]).toEqual([24, 24, 0, 10]);
    expect(cells.images.count).toBe(58);
    expect(cells.images.pixels.length).toBe(58 * 4);
    // The images kept are the first ones of each cell, in data order, with their own pixels.
    expect(cells.images.pixels[24 * 4]).toBe(60);
    expect(view.notices[0]).toMatch(/first 24 images each/);
    expect(viewBytes(view)).toBe(58 * 4);
  });

  it('caps the classes of a confusion matrix and of a per-class view', () => {
    const size = 25;
    const matrix = Array.from({ length: size }, (_, t) => Array.from({ length: size }, (_, p) => (t === p ? 3 : 1)));
    const view = confusionView(matrix, undefined, undefined);
    expect(view.matrix).toHaveLength(SHOW_LIMITS.classes);
    expect(view.matrix[0]).toHaveLength(SHOW_LIMITS.classes);
    expect(view.classNames[3]).toBe('class 3');
    expect(view.notices).toEqual(['Showing 20 of 25 classes (the most one view shows).']);
    const per = perClassView([0.5, Number.NaN, 1], [[1, 1], [], [2]], ['x', 'y', 'z'], undefined);
    expect(per.accuracy).toEqual([0.5, null, 1]);
    expect(per.counts).toEqual([2, 0, 2]);
  });

  it('bounds images by the byte cap', () => {
    expect(imagesWithinBytes(100, 784)).toBe(100);
    expect(imagesWithinBytes(100, 128 * 128 * 3)).toBe(Math.floor(SHOW_LIMITS.bytes / (128 * 128 * 3)));
  });

  it('scales maps to their own range and weights symmetrically around mid-grey', () => {
    expect(Array.from(mapsToBytes([0, 1, 2, 5, 5, 5], 3, 2))).toEqual([0, 128, 255, 128, 128, 128]);
    expect(Array.from(weightsToBytes([0, 0.5, -0.5], 0.5))).toEqual([128, 255, 1]);
  });

  it('checks and caps a line chart', () => {
    const points = Array.from({ length: 600 }, (_, i) => ({ x: i + 1, y: i / 600 }));
    const view = linechartView({ values: Array.from({ length: 10 }, () => points), series: ['a'] }, { name: 'c', xLog: true });
    expect(view.series).toHaveLength(SHOW_LIMITS.series);
    expect(view.series[0]!.points).toHaveLength(SHOW_LIMITS.points);
    expect(view.series.map((s) => s.name).slice(0, 2)).toEqual(['a', 'line 2']);
    expect(view.notices).toEqual(['Showing 8 of 10 lines (the most one view shows).', 'Each line keeps its first 500 points (the most one view shows).']);
    expect(() => linechartView({ values: [[{ x: 1, y: Number.NaN }]] }, {})).toThrow(/not \{ x: number, y: number \} with finite numbers/);
    expect(() => linechartView({ values: [[{ x: 0, y: 1 }]] }, { xLog: true })).toThrow(/xLog needs every x above 0/);
    expect(() => linechartView(null, {})).toThrow(/one list of points per line/);
  });
});


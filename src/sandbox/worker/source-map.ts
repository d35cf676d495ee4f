/**
 * Just enough of the source map format to turn a position in the JavaScript
 * sucrase produced back into the learner's TypeScript: sucrase keeps lines,
 * but removing type annotations shifts columns, so the map is needed for the
 * column only. A full source-map library would be ~30 kB for one lookup.
 */

/** One mapping segment of a generated line: [generatedColumn, sourceLine, sourceColumn], all 0-based. */
type Segment = readonly [number, number, number];

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Map([...BASE64].map((char, i) => [char, i] as const));

/** Decodes a "mappings" string into segments per generated line, sorted by column. */
export function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const lineText of mappings.split(';')) {
    const segments: Segment[] = [];
    let generatedColumn = 0;
    for (const segmentText of lineText.split(',')) {
      if (segmentText === '') continue;
      const fields = decodeVlq(segmentText);
      generatedColumn += fields[0] ?? 0;
      if (fields.length >= 4) {
        // fields[1] is the source index: sucrase maps one file, so it is always 0.
        sourceLine += fields[2] ?? 0;
        sourceColumn += fields[3] ?? 0;
        segments.push([generatedColumn, sourceLine, sourceColumn]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = BASE64_VALUE.get(char);
    if (digit === undefined) throw new Error(`Invalid base64 VLQ character ${char}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/**
 * Maps a 0-based generated (line, column) to the source: the segment that
 * starts at or before the column, plus the distance into it (inside one token
 * the two texts are identical).
 */
export function lookup(lines: readonly Segment[][], line: number, column: number): { line: number; column: number } | undefined {
  const segments = lines[line];
  if (!segments || segments.length === 0) return undefined;
  let best: Segment | undefined;
  for (const segment of segments) {
    if (segment[0] > column) break;
    best = segment;
  }
  if (!best) return { line: segments[0]![1], column: 0 };
  return { line: best[1], column: best[2] + (column - best[0]) };
}

/**
 * The run's side of `show` (lab/show.ts): admits views up to the count cap and
 * the byte cap, sends each to the page as a `show` event, and keeps the
 * summary the checks read as `shown`. Past a cap a call is only counted, so
 * `for (;;) show.table(rows)` costs a counter, not a message or a tensor read.
 * The same in the worker and in the in-process runner (which records without
 * a page to draw on).
 */
import type { ShownView } from '../../grading/contract.ts';
import type { ShowSink } from '../../lab/show-sink.ts';
import { viewBytes, viewCount, type ShowKind, type ShowView } from '../../lab/show-views.ts';
import { MAX_SHOW_BYTES, MAX_SHOW_VIEWS } from '../protocol.ts';

// lab's kinds and the checks' kinds are one list (a compile error if they part).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const kindsAgree: Same<ShowKind, ShownView['kind']> = true;
void kindsAgree;

export interface ShowRecorderOptions {
  /** Sends a view to the page. */
  send(view: ShowView): void;
  /** Says something to the learner in the output (the first refused call). */
  notice(text: string): void;
  maxViews?: number;
  maxBytes?: number;
}

export interface ShowRecorder {
  sink: ShowSink;
  /** What the checks see, in call order. */
  readonly shown: ShownView[];
  /** Calls refused by a cap. */
  readonly dropped: number;
  /** The line for the end of the output when calls were refused, or undefined. */
  capNote(): string | undefined;
}

export function summarise(view: ShowView): ShownView {
  const images =
    view.kind === 'images' || view.kind === 'filters'
      ? view.images.count
      : view.kind === 'confusion'
        ? (view.cells?.images.count ?? 0)
        : view.kind === 'activations'
          ? view.layers.reduce((n, layer) => n + layer.maps.count, 0)
          : 0;
  const wrong =
    view.kind === 'images' && view.predicted && view.labels
      ? view.predicted.filter((name, i) => name !== view.labels![i]).length
      : undefined;
  return { kind: view.kind, ...(view.name ? { name: view.name } : {}), count: viewCount(view), images, ...(wrong !== undefined ? { wrong } : {}) };
}

export function createShowRecorder(options: ShowRecorderOptions): ShowRecorder {
  const maxViews = options.maxViews ?? MAX_SHOW_VIEWS;
  const maxBytes = options.maxBytes ?? MAX_SHOW_BYTES;
  const shown: ShownView[] = [];
  let bytes = 0;
  let dropped = 0;
  let byBytes = 0;
  const refuse = (why: 'count' | 'bytes'): false => {
    dropped++;
    if (why === 'bytes') byBytes++;
    if (dropped === 1) {
      options.notice(
        why === 'count'
          ? `show: this run has drawn ${maxViews} views, the most one run draws; later show calls are skipped.`
          : `show: this run's views hold ${formatBytes(maxBytes)} of pixels, the most one run sends; later show calls are skipped.`,
      );
    }
    return false;
  };
  return {
    sink: {
      admit(_kind: ShowKind) {
        if (shown.length >= maxViews) return refuse('count');
        if (bytes >= maxBytes) return refuse('bytes');
        return true;
      },
      deliver(view) {
        const size = viewBytes(view);
        if (bytes + size > maxBytes) {
          refuse('bytes');
          bytes = maxBytes;
          return;
        }
        bytes += size;
        shown.push(summarise(view));
        options.send(view);
      },
    },
    shown,
    get dropped() {
      return dropped;
    },
    capNote() {
      if (dropped === 0) return undefined;
      const limit = byBytes === dropped ? `${formatBytes(maxBytes)} of pixels per run` : `${maxViews} views per run`;
      return `… ${dropped.toLocaleString('en-US')} more show ${dropped === 1 ? 'call was' : 'calls were'} not drawn (the limit is ${limit}).`;
    },
  };
}

function formatBytes(n: number): string {
  return `${(n / 1_000_000).toLocaleString('en-US')} MB`;
}

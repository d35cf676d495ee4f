/**
 * Draws one `show` view (src/lab/show-views.ts) into its figure in the output
 * panel, with plain DOM and a canvas per image (no charting library: the views
 * are grids and tables). Loaded by show-panel.ts the first time a run shows
 * something, so a page whose runs only print pays nothing for it.
 *
 * Every view is a `<figure data-show="…">` named by its `<figcaption>`; every image
 * an `<img>` with alt text (true and predicted labels for data, filter and channel
 * numbers for the layer views). A wrong prediction is marked by a cross and the word
 * "wrong" as well as by colour. Colours come from the site's CSS variables, so the
 * views follow light and dark mode.
 */
import type { ShowView } from '../sandbox/protocol.ts';
import type { ActivationsView, ConfusionView, FiltersView, ImageBytes, ImagesView, LinechartView, PerClassView, TableView } from '../lab/show-views.ts';
import { format, ui } from '../i18n/ui.ts';

const t = ui.show;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

let scratch: HTMLCanvasElement | undefined;

/** Image `index` of `bytes` as a PNG data URL (lossless, so the shown pixels are the data's bytes). */
function imageUrl(bytes: ImageBytes, index: number): string {
  const { width, height, channels } = bytes;
  scratch ??= document.createElement('canvas');
  scratch.width = width;
  scratch.height = height;
  const context = scratch.getContext('2d');
  if (!context) return '';
  const data = context.createImageData(width, height);
  const base = index * width * height * channels;
  for (let p = 0; p < width * height; p++) {
    const r = bytes.pixels[base + p * channels] ?? 0;
    data.data[p * 4] = r;
    data.data[p * 4 + 1] = channels === 3 ? (bytes.pixels[base + p * 3 + 1] ?? 0) : r;
    data.data[p * 4 + 2] = channels === 3 ? (bytes.pixels[base + p * 3 + 2] ?? 0) : r;
    data.data[p * 4 + 3] = 255;
  }
  context.putImageData(data, 0, 0);
  return scratch.toDataURL('image/png');
}

function image(bytes: ImageBytes, index: number, alt: string, size: number): HTMLImageElement {
  const img = el('img', 'tl-show-img');
  img.src = imageUrl(bytes, index);
  img.alt = alt;
  // Shown larger than the data, each pixel a crisp square (CSS: image-rendering: pixelated).
  const scale = Math.max(1, Math.round(size / Math.max(bytes.width, bytes.height)));
  img.width = bytes.width * scale;
  img.height = bytes.height * scale;
  img.dataset.index = String(index);
  return img;
}

function caption(figure: HTMLElement, title: string, detail?: string): void {
  const cap = el('figcaption');
  cap.append(el('strong', undefined, title));
  if (detail) cap.append(document.createTextNode(` · ${detail}`));
  figure.append(cap);
}

function notices(figure: HTMLElement, list: readonly string[]): void {
  for (const text of list) figure.append(el('p', 'tl-show-notice', text));
}

/** A grid item: the image and its labels; `wrong` adds a visible mark, not only a colour. */
function labelled(bytes: ImageBytes, index: number, truth: string | undefined, predicted: string | undefined, n: number): HTMLLIElement {
  const item = el('li', 'tl-show-item');
  const wrong = truth !== undefined && predicted !== undefined && truth !== predicted;
  if (predicted !== undefined && truth !== undefined) item.dataset.correct = String(!wrong);
  const parts = [format(t.imageAlt, { n })];
  if (truth !== undefined) parts.push(format(t.imageTrue, { name: truth }));
  if (predicted !== undefined) parts.push(format(t.imagePredicted, { name: predicted }));
  if (truth !== undefined && predicted !== undefined) parts.push(wrong ? t.wrong : t.right);
  item.append(image(bytes, index, parts.join(', '), 56));
  if (truth !== undefined) item.append(el('span', 'tl-show-true', truth));
  if (predicted !== undefined) {
    const label = el('span', 'tl-show-predicted');
    label.dataset.predicted = predicted;
    // The mark and the word carry the meaning; the colour only repeats it.
    label.textContent = truth === undefined ? `→ ${predicted}` : wrong ? `✗ ${predicted} (${t.wrong})` : `✓ ${predicted}`;
    item.append(label);
  }
  return item;
}

function imagesView(figure: HTMLElement, view: ImagesView): void {
  const { count } = view.images;
  let detail = count === view.total ? (count === 1 ? t.imagesOne : format(t.imagesCount, { count })) : format(t.imagesOf, { count, total: view.total });
  if (view.only) detail = format(view.only === 'wrong' ? t.imagesOnlyWrong : t.imagesOnlyRight, { count, total: view.total });
  else if (view.predicted && view.labels) {
    const wrong = view.predicted.filter((name, i) => name !== view.labels![i]).length;
    detail += `: ${format(t.imagesScore, { right: count - wrong, wrong })}`;
  }
  caption(figure, view.name ?? t.images, detail);
  const grid = el('ul', 'tl-show-grid');
  for (let i = 0; i < count; i++) grid.append(labelled(view.images, i, view.labels?.[i], view.predicted?.[i], i + 1));
  figure.append(grid);
  notices(figure, view.notices);
}

/** A table that scrolls sideways on a narrow screen (focusable, so keyboards can scroll it). */
function scroller(table: HTMLTableElement, label: string): HTMLElement {
  const box = el('div', 'tl-show-scroll');
  box.tabIndex = 0;
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', label);
  box.append(table);
  return box;
}

function confusionView(figure: HTMLElement, view: ConfusionView): void {
  const names = view.classNames;
  const cells = view.cells;
  caption(figure, view.name ?? t.confusion, cells ? t.confusionHelpCells : t.confusionHelp);
  const table = el('table', 'tl-show-confusion');
  const head = el('thead');
  const headRow = el('tr');
  headRow.append(el('th', 'tl-show-corner', t.confusionTrue));
  for (const name of names) {
    const th = el('th', undefined, name);
    th.scope = 'col';
    headRow.append(th);
  }
  head.append(headRow);
  const body = el('tbody');
  const list = el('div', 'tl-show-cell');
  list.hidden = true;
  list.setAttribute('aria-live', 'polite');
  let pressed: HTMLButtonElement | undefined;

  const open = (truth: number, predicted: number, button: HTMLButtonElement): void => {
    if (!cells) return;
    if (pressed === button) {
      button.setAttribute('aria-pressed', 'false');
      pressed = undefined;
      list.hidden = true;
      list.replaceChildren();
      return;
    }
    pressed?.setAttribute('aria-pressed', 'false');
    pressed = button;
    button.setAttribute('aria-pressed', 'true');
    const indexes: number[] = [];
    cells.truth.forEach((tr, i) => {
      if (tr === truth && cells.predicted[i] === predicted) indexes.push(i);
    });
    const count = view.matrix[truth]![predicted]!;
    const values = { truth: names[truth]!, predicted: names[predicted]!, count, shown: indexes.length };
    const title = count === 0 ? t.confusionCellEmpty : indexes.length < count ? t.confusionCellShowing : count === 1 ? t.confusionCellOne : t.confusionCell;
    list.replaceChildren(el('p', 'tl-show-cell-title', format(title, values)));
    list.dataset.showCell = `${truth},${predicted}`;
    const grid = el('ul', 'tl-show-grid');
    indexes.forEach((index, n) => grid.append(labelled(cells.images, index, names[truth], names[predicted], n + 1)));
    list.append(grid);
    list.hidden = false;
  };

  view.matrix.forEach((row, truth) => {
    const tr = el('tr');
    const th = el('th', undefined, names[truth]);
    th.scope = 'row';
    tr.append(th);
    const total = row.reduce((a, b) => a + b, 0) || 1;
    row.forEach((count, predicted) => {
      const td = el('td');
      td.dataset.truth = String(truth);
      td.dataset.predicted = String(predicted);
      if (truth === predicted) td.classList.add('tl-show-diagonal');
      // Shading says how much of the row the cell holds; the number says it exactly.
      td.style.setProperty('--share', String(Math.round((count / total) * 100)));
      const values = { truth: names[truth]!, predicted: names[predicted]!, count };
      const label = count === 1 ? format(t.confusionCellOne, values) : format(t.confusionCell, values);
      if (cells && count > 0) {
        const button = el('button', 'tl-show-cell-button', String(count));
        button.type = 'button';
        button.setAttribute('aria-label', label);
        button.setAttribute('aria-pressed', 'false');
        button.addEventListener('click', () => open(truth, predicted, button));
        td.append(button);
      } else {
        td.textContent = String(count);
        td.title = label;
      }
      tr.append(td);
    });
    body.append(tr);
  });
  table.append(head, body);
  figure.append(scroller(table, view.name ?? t.confusion), list);
  notices(figure, view.notices);
}

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

function perClassView(figure: HTMLElement, view: PerClassView): void {
  caption(figure, view.name ?? t.perClass);
  const table = el('table', 'tl-show-per-class');
  const head = el('tr');
  for (const title of [t.perClassClass, t.perClassAccuracy, ...(view.counts ? [t.perClassImages] : [])]) {
    const th = el('th', undefined, title);
    th.scope = 'col';
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  const body = el('tbody');
  view.classNames.forEach((name, i) => {
    const tr = el('tr');
    const th = el('th', undefined, name);
    th.scope = 'row';
    const accuracy = view.accuracy[i];
    const cell = el('td', 'tl-show-bar-cell');
    const bar = el('span', 'tl-show-bar');
    bar.setAttribute('aria-hidden', 'true');
    bar.style.width = `${Math.round((accuracy ?? 0) * 100)}%`;
    cell.append(bar, el('span', 'tl-show-bar-text', accuracy === null || accuracy === undefined ? t.perClassNone : percent(accuracy)));
    tr.append(th, cell);
    if (view.counts) tr.append(el('td', undefined, String(view.counts[i] ?? 0)));
    body.append(tr);
  });
  table.append(thead, body);
  figure.append(scroller(table, view.name ?? t.perClass));
  notices(figure, view.notices);
}

function filtersView(figure: HTMLElement, view: FiltersView): void {
  const { images } = view;
  caption(
    figure,
    view.name ?? format(t.filters, { layer: view.layer }),
    format(t.filtersCaption, {
      count: images.count,
      total: view.total,
      height: images.height,
      width: images.width,
      averaged: view.inputChannels > 1 ? format(t.filtersAveraged, { inputs: view.inputChannels }) : '',
      scale: view.scale.toPrecision(2),
    }),
  );
  const grid = el('ul', 'tl-show-grid tl-show-small');
  for (let i = 0; i < images.count; i++) {
    const item = el('li', 'tl-show-item');
    item.append(image(images, i, format(t.filterAlt, { n: i + 1, layer: view.layer }), 36));
    grid.append(item);
  }
  figure.append(grid);
  notices(figure, view.notices);
}

function activationsView(figure: HTMLElement, view: ActivationsView): void {
  caption(figure, view.name ?? t.activations, view.layers.map((layer) => layer.layer).join(', '));
  const input = el('div', 'tl-show-activation-input');
  input.append(el('p', 'tl-show-sub', t.activationsInput), image(view.input, 0, t.activationsInput, 56));
  figure.append(input);
  for (const layer of view.layers) {
    const part = el('div', 'tl-show-layer');
    part.dataset.layer = layer.layer;
    const { maps } = layer;
    part.append(el('p', 'tl-show-sub', format(t.activationsLayer, { layer: layer.layer, count: maps.count, channels: layer.channels, height: maps.height, width: maps.width })));
    const grid = el('ul', 'tl-show-grid tl-show-small');
    for (let i = 0; i < maps.count; i++) {
      const item = el('li', 'tl-show-item');
      item.append(image(maps, i, format(t.mapAlt, { layer: layer.layer, n: i + 1 }), 48));
      grid.append(item);
    }
    part.append(grid);
    figure.append(part);
  }
  notices(figure, view.notices);
}

function tableView(figure: HTMLElement, view: TableView): void {
  const count = view.rows.length;
  caption(figure, view.name ?? t.table, count === view.total ? format(t.tableRows, { count }) : format(t.tableRowsOf, { count, total: view.total }));
  const table = el('table', 'tl-show-table');
  const thead = el('thead');
  const head = el('tr');
  for (const column of view.columns) {
    const th = el('th', undefined, column);
    th.scope = 'col';
    head.append(th);
  }
  thead.append(head);
  const body = el('tbody');
  for (const row of view.rows) {
    const tr = el('tr');
    for (const cell of row) tr.append(el('td', undefined, cell));
    body.append(tr);
  }
  table.append(thead, body);
  figure.append(scroller(table, view.name ?? t.table));
  notices(figure, view.notices);
}

const SVG = 'http://www.w3.org/2000/svg';
function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/** Round numbers for an axis from lo to hi. */
function ticks(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo || 1;
  const step = 10 ** Math.floor(Math.log10(span / count));
  const nice = [1, 2, 5, 10].map((m) => m * step).find((s) => span / s <= count) ?? step * 10;
  const out: number[] = [];
  for (let v = Math.ceil(lo / nice) * nice; v <= hi + nice * 1e-9; v += nice) out.push(Number(v.toPrecision(10)));
  return out;
}

const short = (v: number): string => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(3))));

function linechartView(figure: HTMLElement, view: LinechartView): void {
  const points = view.series.flatMap((s) => s.points);
  caption(figure, view.name ?? t.linechart, format(t.linechartCaption, { series: view.series.length, points: points.length }));
  const width = 480;
  const height = 260;
  const pad = { left: 48, right: 12, top: 10, bottom: 38 };
  const xs = points.map((p) => (view.xLog ? Math.log10(p.x) : p.x));
  const ys = points.map((p) => p.y);
  const [x0, x1] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  let [y0, y1] = ys.length ? [Math.min(...ys), Math.max(...ys)] : [0, 1];
  if (y0 >= 0 && y1 <= 1) [y0, y1] = [Math.floor(y0 * 10) / 10, Math.ceil(y1 * 10) / 10 || 1];
  if (y1 === y0) y1 = y0 + 1;
  const sx = (x: number): number => pad.left + ((view.xLog ? Math.log10(x) : x) - x0) / (x1 - x0 || 1) * (width - pad.left - pad.right);
  const sy = (y: number): number => pad.top + (1 - (y - y0) / (y1 - y0)) * (height - pad.top - pad.bottom);
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'tl-show-chart', role: 'img', 'aria-label': `${view.name ?? t.linechart}: ${view.series.map((s) => s.name).join(', ')}` });
  for (const y of ticks(y0, y1)) {
    chart.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: sy(y), y2: sy(y), class: 'tl-show-grid-line' }));
    const label = svg('text', { x: pad.left - 6, y: sy(y) + 4, 'text-anchor': 'end' });
    label.textContent = short(y);
    chart.append(label);
  }
  const xTicks = view.xLog ? [...new Set(points.map((p) => p.x))].sort((a, b) => a - b) : ticks(x0, x1);
  for (const x of xTicks.slice(0, 12)) {
    const label = svg('text', { x: sx(x), y: height - pad.bottom + 16, 'text-anchor': 'middle' });
    label.textContent = short(x);
    chart.append(label);
  }
  if (view.xLabel) {
    const label = svg('text', { x: (width + pad.left) / 2, y: height - 4, 'text-anchor': 'middle' });
    label.textContent = view.xLabel;
    chart.append(label);
  }
  if (view.yLabel) {
    const label = svg('text', { x: 12, y: (pad.top + height - pad.bottom) / 2, 'text-anchor': 'middle', transform: `rotate(-90 12 ${(pad.top + height - pad.bottom) / 2})` });
    label.textContent = view.yLabel;
    chart.append(label);
  }
  const legend = el('ul', 'tl-show-legend');
  view.series.forEach((series, i) => {
    // Each line differs by dash pattern and marker as well as colour.
    const group = svg('g', { class: `tl-show-series tl-show-series-${i % 8}`, 'data-series': series.name });
    const sorted = [...series.points].sort((a, b) => a.x - b.x);
    if (sorted.length > 1) group.append(svg('polyline', { points: sorted.map((p) => `${sx(p.x)},${sy(p.y)}`).join(' ') }));
    for (const p of sorted) {
      const dot = i % 2 === 0 ? svg('circle', { cx: sx(p.x), cy: sy(p.y), r: 4 }) : svg('rect', { x: sx(p.x) - 4, y: sy(p.y) - 4, width: 8, height: 8 });
      dot.setAttribute('data-point', `${p.x},${p.y}`);
      const title = svg('title', {});
      title.textContent = `${series.name}: ${short(p.x)}, ${short(p.y)}`;
      dot.append(title);
      group.append(dot);
    }
    chart.append(group);
    const item = el('li', `tl-show-series-${i % 8}`);
    const swatch = svg('svg', { width: 28, height: 10, 'aria-hidden': 'true' });
    swatch.append(svg('line', { x1: 0, x2: 28, y1: 5, y2: 5 }));
    item.append(swatch, document.createTextNode(series.name));
    legend.append(item);
  });
  figure.append(chart, legend);
  // The numbers, for screen readers and anyone who prefers them.
  const details = el('details');
  details.append(el('summary', undefined, t.linechartNumbers));
  const table = el('table');
  const head = el('tr');
  for (const title of [t.linechartSeries, view.xLabel ?? 'x', view.yLabel ?? 'y']) {
    const th = el('th', undefined, title);
    th.scope = 'col';
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  const body = el('tbody');
  for (const series of view.series) {
    for (const p of series.points) {
      const tr = el('tr');
      tr.append(el('td', undefined, series.name), el('td', undefined, short(p.x)), el('td', undefined, short(p.y)));
      body.append(tr);
    }
  }
  table.append(thead, body);
  details.append(scroller(table, t.linechartNumbers));
  figure.append(details);
  notices(figure, view.notices);
}

/** Fills `figure` (already `data-show="<kind>"`, in the output panel) with the view. */
export function renderView(figure: HTMLElement, view: ShowView): void {
  figure.replaceChildren();
  switch (view.kind) {
    case 'images':
      return imagesView(figure, view);
    case 'confusion':
      return confusionView(figure, view);
    case 'per-class':
      return perClassView(figure, view);
    case 'filters':
      return filtersView(figure, view);
    case 'activations':
      return activationsView(figure, view);
    case 'table':
      return tableView(figure, view);
    case 'linechart':
      return linechartView(figure, view);
  }
}

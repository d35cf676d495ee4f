/**
 * Where `lab` finds its files and how it fetches them. The one place that
 * knows about URLs: everything else asks for a path under the asset base.
 */

export interface LabOptions {
  /**
   * Absolute URL ending with "/" under which `models/` and `data/` live:
   * the site's base URL in the browser, a `file://` URL of `public/` in Node.
   */
  assetBase: string;
  /** How to fetch a URL. Defaults to the global `fetch`; in Node pass `fileFetch` from `src/lab/node-fetch.ts`. */
  fetch?: (url: string) => Promise<Response>;
}

interface LabState {
  assetBase: string;
  fetch: (url: string) => Promise<Response>;
}

let state: LabState | null = null;
/** One function object, so configuring twice with the default fetch keeps the cache. */
const defaultFetch = (url: string): Promise<Response> => globalThis.fetch(url);
/** Downloaded bytes and JSON, by URL: models and data are fetched once per page (or worker). */
const cache = new Map<string, Promise<ArrayBuffer | unknown>>();

/**
 * Tells `lab` where its models and data are. The exercise runtime calls this
 * before learner code runs; call it yourself only outside the course site.
 */
export function configureLab(options: LabOptions): void {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(options.assetBase) || !options.assetBase.endsWith('/')) {
    throw new Error(`configureLab: assetBase must be an absolute URL ending with "/", got "${options.assetBase}"`);
  }
  const fetchImpl = options.fetch ?? defaultFetch;
  if (state?.assetBase !== options.assetBase || state.fetch !== fetchImpl) cache.clear();
  state = { assetBase: options.assetBase, fetch: fetchImpl };
}

/** The absolute URL of a path under the asset base (e.g. "models/fashion-cnn/model.json"). */
export function assetUrl(path: string): string {
  if (!state) {
    throw new Error('lab is not configured: call configureLab({ assetBase }) first (the course runtime does this for you)');
  }
  return new URL(path, state.assetBase).href;
}

async function fetchOk(url: string): Promise<Response> {
  if (!state) throw new Error('lab is not configured: call configureLab({ assetBase }) first');
  const response = await state.fetch(url);
  if (!response.ok) throw new Error(`lab: could not load ${url} (HTTP ${response.status})`);
  return response;
}

function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let entry = cache.get(key) as Promise<T> | undefined;
  if (!entry) {
    entry = load();
    cache.set(key, entry);
    // A failed download is not remembered, so a retry can succeed.
    entry.catch(() => cache.delete(key));
  }
  return entry;
}

/** Fetches (once) and returns the bytes at an absolute URL. Callers must not modify them. */
export function fetchBytes(url: string): Promise<ArrayBuffer> {
  return cached(`bytes:${url}`, async () => (await fetchOk(url)).arrayBuffer());
}

/** Fetches (once) and parses the JSON at an absolute URL. */
export function fetchJson(url: string): Promise<unknown> {
  return cached(`json:${url}`, async () => (await fetchOk(url)).json());
}

/**
 * The course's service worker (built into `<base>sw.js` by build.ts, which
 * puts the precache list in front of this file; this file imports nothing).
 *
 * 1. Offline: every file of the build is precached in one cache per build
 *    (`tl:<scope>:<version>`) and served from it, so the course works with no
 *    network after one visit. The first visit installs at once and precaches in
 *    the background (the page asks, see register.ts), so the page is not held
 *    up; a later build precaches while the old one keeps serving, then waits:
 *    the page shows "a new version is available" and the learner's Reload
 *    activates it (`skip-waiting`). Files unchanged between builds are copied
 *    from the old cache, not downloaded again. Old caches of this scope are
 *    deleted on activation; other courses on the same origin keep theirs.
 * 2. Cross-origin isolation: every response it serves carries
 *    `Cross-Origin-Opener-Policy: same-origin`,
 *    `Cross-Origin-Embedder-Policy: credentialless` and
 *    `Cross-Origin-Resource-Policy: same-origin`, unless the host already sent
 *    its own (then those are kept). The page becomes `crossOriginIsolated` and
 *    the sandbox can use threads. Cross-origin requests (a teacher's model on
 *    another host) are not touched: under `credentialless` they load as
 *    before, without cookies.
 * 3. Base path: everything is relative to the registration's scope.
 */

interface PrecacheEntry {
  /** Path under the scope, e.g. "lessons/modify-the-model/" or "_astro/entry.js". */
  path: string;
  /** Content hash of the file. */
  rev: string;
}

interface Precache {
  version: string;
  entries: PrecacheEntry[];
}

// The parts of the service-worker API used here (the project type-checks with the DOM lib only).
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface ExtendableMessageEvent extends ExtendableEvent {
  readonly data: unknown;
}
interface ServiceWorkerScope {
  readonly registration: ServiceWorkerRegistration;
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: ExtendableMessageEvent) => void): void;
}

declare const __TL_PRECACHE__: Precache;

const sw = self as unknown as ServiceWorkerScope;
const scope = sw.registration.scope; // absolute, ends with "/"
const PREFIX = `tl:${new URL(scope).pathname}:`;
const CACHE = PREFIX + __TL_PRECACHE__.version;
/** Inside each cache: which rev of each path it holds (a JSON response), written as files land. */
const REVS_KEY = `${scope}__tl-precache-revs__`;
const revOf = new Map(__TL_PRECACHE__.entries.map((entry) => [new URL(entry.path, scope).href, entry.rev]));

const ISOLATION_HEADERS: [string, string][] = [
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Embedder-Policy', 'credentialless'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
];

sw.addEventListener('install', (event) => {
  // First install: take over at once and precache afterwards, so the first visit is not held up.
  // An update: precache now, while the old worker serves; then wait for the learner's Reload.
  if (!sw.registration.active) event.waitUntil(sw.skipWaiting());
  else event.waitUntil(precache());
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)));
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('message', (event) => {
  const type = (event.data as { type?: unknown } | null)?.type;
  if (type === 'skip-waiting') event.waitUntil(sw.skipWaiting());
  else if (type === 'precache') event.waitUntil(precache());
});

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(scope)) return; // other origins and paths: untouched
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  event.respondWith(respond(request));
});

async function respond(request: Request): Promise<Response> {
  const url = new URL(request.url);
  url.hash = '';
  const key = url.href; // a query is part of the key: the build's own files have none
  const cache = await caches.open(CACHE);
  const cached = revOf.has(key) ? await cache.match(key) : undefined;
  if (cached) return isolate(cached);
  try {
    return isolate(await fetch(request));
  } catch (error) {
    // Offline and not precached (yet): a page falls back to the course's 404 page, if cached.
    if (request.mode === 'navigate') {
      const fallback = await cache.match(new URL('404.html', scope).href);
      if (fallback) return isolate(fallback, 404);
    }
    throw error;
  }
}

/** The response with the isolation headers added (the host's own, if it sent them, are kept). */
function isolate(response: Response, status = response.status): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of ISOLATION_HEADERS) if (!headers.has(name)) headers.set(name, value);
  return new Response(response.body, { status, statusText: response.statusText, headers });
}

let precaching: Promise<void> | undefined;

/** Fills this build's cache: files already there (or unchanged in an older cache) are not fetched again. */
function precache(): Promise<void> {
  precaching ??= fill().finally(() => {
    precaching = undefined;
  });
  return precaching;
}

async function fill(): Promise<void> {
  const cache = await caches.open(CACHE);
  const have = await readRevs(cache);
  const older = await olderCaches();
  const missing = [...revOf].filter(([url, rev]) => have[url] !== rev);
  // A few at a time: a classroom's Wi-Fi, not a benchmark.
  const queue = missing.slice();
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [url, rev] = next;
      const reused = await fromOlder(older, url, rev);
      const response = reused ?? (await fetch(url, { cache: 'no-cache', credentials: 'same-origin' }));
      if (!response.ok) throw new Error(`Precaching ${url} failed: HTTP ${response.status}`);
      await cache.put(url, response);
      have[url] = rev;
    }
  };
  try {
    await Promise.all([worker(), worker(), worker(), worker()]);
  } finally {
    await cache.put(REVS_KEY, new Response(JSON.stringify(have), { headers: { 'content-type': 'application/json' } }));
  }
}

async function readRevs(cache: Cache): Promise<Record<string, string>> {
  try {
    const stored = await cache.match(REVS_KEY);
    const parsed: unknown = stored ? await stored.json() : {};
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

async function olderCaches(): Promise<{ cache: Cache; revs: Record<string, string> }[]> {
  const names = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE);
  return Promise.all(
    names.map(async (name) => {
      const cache = await caches.open(name);
      return { cache, revs: await readRevs(cache) };
    }),
  );
}

async function fromOlder(older: { cache: Cache; revs: Record<string, string> }[], url: string, rev: string): Promise<Response | undefined> {
  for (const { cache, revs } of older) {
    if (revs[url] !== rev) continue;
    const response = await cache.match(url);
    if (response) return response;
  }
  return undefined;
}

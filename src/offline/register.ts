/**
 * The page's side of the service worker (sw.ts): register it, make the first
 * visit cross-origin isolated, ask for the course to be precached, and say so
 * when a new build has been deployed. Loaded on every page by Base.astro.
 *
 * - First visit: the page was loaded before the worker existed, so it is not
 *   isolated. Once the worker controls it, a page with an exercise reloads once
 *   (the exercise is what threads are for; a reading page does not need to, its
 *   next navigation is isolated anyway). Once per tab session at most: a
 *   browser that ignores `credentialless` is never reloaded in a loop, it just
 *   stays single-threaded. Never under the learner's hands: once they have
 *   pressed a key or a pointer on the page (typing in the editor, a Run), the
 *   page stays as it is, single-threaded, and the next navigation is isolated.
 * - A host that sends COOP/COEP itself: the page is isolated already; no reload.
 * - Switched off in course.config.ts (`offline: false`): a worker a previous
 *   build installed is unregistered and its caches deleted.
 *
 * `<html data-offline>` tells tests (and curious teachers) where it stands:
 * `off`, `unsupported`, `installing`, `reloading`, `ready`.
 */
import { ui } from '../i18n/ui.ts';

const SW_FILE = 'sw.js';
const RELOADED_KEY = 'transfer-lab:v1:isolation-reload';
/** How often an open page asks whether a new build was deployed. */
const UPDATE_CHECK_MS = 30 * 60 * 1000;

/** Set by the build (integration.ts): false in `astro dev` and when course.config.ts has `serviceWorker: false`. */
declare const __TL_SERVICE_WORKER__: boolean;

type OfflineState = 'off' | 'unsupported' | 'installing' | 'reloading' | 'ready';

function setState(state: OfflineState): void {
  document.documentElement.dataset.offline = state;
}

/** Set by the learner's first key or pointer press: from then on the isolation reload would interrupt them. */
let learnerBegan = false;

function noticeLearner(): void {
  const began = () => {
    learnerBegan = true;
    removeEventListener('pointerdown', began, true);
    removeEventListener('keydown', began, true);
  };
  addEventListener('pointerdown', began, true);
  addEventListener('keydown', began, true);
}

export async function startOffline(options: { base: string; enabled?: boolean }): Promise<void> {
  const enabled = options.enabled ?? __TL_SERVICE_WORKER__;
  const container = navigator.serviceWorker as ServiceWorkerContainer | undefined;
  if (!container || !window.isSecureContext) return setState('unsupported');
  const scope = new URL(options.base, location.href).href;
  if (!enabled) {
    setState('off');
    await removeOldWorker(container, scope);
    return;
  }
  const hadController = container.controller !== null;
  if (!hadController) {
    setState('installing');
    noticeLearner();
  }
  container.addEventListener('controllerchange', () => {
    // First visit: the new worker has taken over. Later: the learner pressed Reload on the notice.
    if (!hadController) firstControl();
    else if (updating) location.reload();
  });
  let registration: ServiceWorkerRegistration;
  try {
    registration = await container.register(`${scope}${SW_FILE}`, { scope });
  } catch (error) {
    console.warn('Transfer Lab: the offline copy could not be set up.', error);
    return setState('unsupported');
  }
  if (hadController) {
    setState('ready');
    askToPrecache(container.controller);
    watchForUpdates(registration);
  } else if (!container.controller && registration.active && !registration.installing && !registration.waiting) {
    // Installed before, but this load bypassed it (a hard reload): the next navigation is controlled.
    setState('ready');
    askToPrecache(registration.active);
    watchForUpdates(registration);
  }
}

function firstControl(): void {
  const needsIsolation = !crossOriginIsolated && document.querySelector('tl-exercise') !== null && !learnerBegan;
  let reloadedBefore = false;
  try {
    reloadedBefore = sessionStorage.getItem(RELOADED_KEY) !== null;
    if (needsIsolation && !reloadedBefore) sessionStorage.setItem(RELOADED_KEY, '1');
  } catch {
    reloadedBefore = true; // no session storage: never risk a reload loop
  }
  if (needsIsolation && !reloadedBefore) {
    setState('reloading');
    location.reload();
    return;
  }
  setState('ready');
  askToPrecache(navigator.serviceWorker.controller);
  void navigator.serviceWorker.ready.then(watchForUpdates);
}

function askToPrecache(worker: ServiceWorker | null): void {
  worker?.postMessage({ type: 'precache' });
}

let updating = false;
let watching = false;

function watchForUpdates(registration: ServiceWorkerRegistration): void {
  if (watching) return;
  watching = true;
  const offer = () => {
    if (registration.waiting && navigator.serviceWorker.controller) showUpdateNotice(registration.waiting);
  };
  offer();
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed') offer();
    });
  });
  const check = () => void registration.update().catch(() => undefined); // offline: try again later
  check();
  setInterval(check, UPDATE_CHECK_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
}

let notice: HTMLElement | undefined;

/** "A new version of the course is available — Reload", at the bottom of the page; it never takes focus. */
function showUpdateNotice(waiting: ServiceWorker): void {
  if (notice?.isConnected) return;
  const t = ui.offline;
  notice = document.createElement('div');
  notice.className = 'update-notice';
  notice.setAttribute('role', 'status');
  const text = document.createElement('span');
  text.textContent = t.updateAvailable;
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.textContent = t.reload;
  reload.addEventListener('click', () => {
    updating = true;
    reload.disabled = true;
    waiting.postMessage({ type: 'skip-waiting' });
  });
  const later = document.createElement('button');
  later.type = 'button';
  later.textContent = t.later;
  later.addEventListener('click', () => notice?.remove());
  notice.append(text, reload, later);
  document.body.append(notice);
}

async function removeOldWorker(container: ServiceWorkerContainer, scope: string): Promise<void> {
  try {
    const registration = await container.getRegistration(scope);
    const script = registration?.active?.scriptURL ?? registration?.waiting?.scriptURL ?? registration?.installing?.scriptURL;
    if (!registration || script !== `${scope}${SW_FILE}`) return;
    await registration.unregister();
    const prefix = `tl:${new URL(scope).pathname}:`;
    for (const name of await caches.keys()) if (name.startsWith(prefix)) await caches.delete(name);
  } catch {
    // Nothing to undo, or storage is unavailable: either way nothing of ours is left running.
  }
}

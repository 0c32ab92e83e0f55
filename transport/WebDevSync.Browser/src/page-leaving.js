/**
 * The page is being unloaded: `pagehide` that is not `persisted` (the page is not kept in the
 * back-forward cache). A close and a reload look the same here (no browser says which is coming),
 * so the library only says "leaving" (`browser_leaving`) and the relay tells them apart: a reload
 * comes back with the same client id (page-identity.js) within its `leaveGracePeriod` and keeps its
 * sessions; a closed tab does not, and its sessions end then (README "When a tab reloads or closes").
 */

/**
 * @param {EventTarget | null | undefined} target the page's window (absent outside a browser)
 * @param {() => void} onLeave called once per unload that is not into the back-forward cache
 * @returns {() => void} stops watching
 */
export function watchPageLeaving(target, onLeave) {
  if (!target || typeof target.addEventListener !== 'function') return () => {};
  const listener = (event) => {
    if (!event?.persisted) onLeave();
  };
  target.addEventListener('pagehide', listener);
  return () => target.removeEventListener('pagehide', listener);
}

/** The window the library watches by default: the page's own, when there is one. */
export function defaultPageEvents() {
  const target = globalThis.window;
  return target && typeof target.addEventListener === 'function' ? target : null;
}

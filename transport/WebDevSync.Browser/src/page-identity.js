/**
 * The client's identity for the life of the page, not of the instance: a reload of the same page
 * (same tab) comes back as the same client with its open sessions, so the relay resumes them and the
 * user's editor window keeps working, instead of seeing a new tab that must open new windows.
 *
 * Kept in sessionStorage (per tab, gone with the tab), under the relay URL and user id: the
 * connection id and, per open session, its id and textarea. One instance per page and key takes it;
 * another instance in the same page at the same time gets an identity of its own (two clients must
 * never share an id: the relay would replace one with the other).
 */

import { generateUUID } from './uuid.js';

const PREFIX = 'web-dev-sync:';
const MAX_SESSIONS = 256;
/** Keys an instance of this document holds now. */
const taken = new Set();

/** sessionStorage when the page may use it (sandboxed frames and some privacy modes throw), else null. */
export function defaultStorage() {
  try {
    const storage = globalThis.sessionStorage;
    return storage && typeof storage.getItem === 'function' ? storage : null;
  } catch {
    return null;
  }
}

const isId = (value) => typeof value === 'string' && value.length > 0 && value.length <= 256;

/** What was stored, checked: the page's own script or an extension may have written anything there. */
function read(storage, key) {
  try {
    const saved = JSON.parse(storage.getItem(key) ?? 'null');
    if (!saved || !isId(saved.connectionId) || !Array.isArray(saved.sessions)) return null;
    const sessions = saved.sessions.filter((s) => s && isId(s.sessionId) && isId(s.textareaId)).slice(0, MAX_SESSIONS);
    return { connectionId: saved.connectionId, sessions };
  } catch {
    return null;
  }
}

/**
 * @param {Storage | null} storage
 * @returns {{ connectionId: string, sessions: Array<{ sessionId: string, textareaId: string }>,
 *   save: (sessions: Array<{ sessionId: string, textareaId: string }>) => void, release: () => void }}
 */
export function pageIdentity(storage, url, userId) {
  const key = `${PREFIX}${url}\n${userId}`;
  if (storage === null || taken.has(key)) return { connectionId: generateUUID(), sessions: [], save() {}, release() {} };
  taken.add(key);
  const saved = read(storage, key);
  const connectionId = saved?.connectionId ?? generateUUID();
  let held = true;
  const identity = {
    connectionId,
    sessions: saved?.sessions ?? [],
    save(sessions) {
      if (!held) return;
      try {
        storage.setItem(key, JSON.stringify({ connectionId, sessions: sessions.slice(0, MAX_SESSIONS) }));
      } catch {
        // A full or refused storage costs only the resume after a reload.
      }
    },
    release() {
      if (held) taken.delete(key);
      held = false;
    },
  };
  identity.save(identity.sessions);
  return identity;
}

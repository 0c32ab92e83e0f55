/**
 * The edit sessions this client instance knows about: which textarea each belongs
 * to and the newest sequence number seen, which is the resume cursor sent with
 * `browser_connect` after a reconnect.
 *
 * A session is "pending" from the first edit_request until the server has
 * processed it without an error; a pending session that fails is forgotten, so
 * the next edit of that textarea starts a fresh one.
 */
export class SessionTable {
  /** @type {Map<string, { textareaId: string, seq: number, pending: boolean }>} */
  #byId = new Map();
  /** @type {Map<string, string>} textareaId -> sessionId */
  #byTextarea = new Map();

  /** The open (or pending) session of a textarea, if any. */
  sessionOf(textareaId) {
    return this.#byTextarea.get(textareaId);
  }

  textareaOf(sessionId) {
    return this.#byId.get(sessionId)?.textareaId;
  }

  has(sessionId) {
    return this.#byId.has(sessionId);
  }

  /** Records a session we are about to request. */
  addPending(sessionId, textareaId) {
    this.#byId.set(sessionId, { textareaId, seq: 0, pending: true });
    this.#byTextarea.set(textareaId, sessionId);
  }

  /** The server processed the request without an error. */
  confirm(sessionId) {
    const session = this.#byId.get(sessionId);
    if (session) session.pending = false;
  }

  isPending(sessionId) {
    return this.#byId.get(sessionId)?.pending === true;
  }

  /**
   * Records an update. Updates of sessions we did not know (e.g. opened just
   * before a drop) are adopted, since the server only sends us our own.
   */
  recordUpdate(sessionId, textareaId, seq) {
    const session = this.#byId.get(sessionId) ?? { textareaId, seq: 0, pending: false };
    session.pending = false;
    // The newest seq *seen*, not the maximum: a restarted server without
    // persistence may count again from zero, and we must not skip its updates.
    if (seq !== undefined) session.seq = seq;
    this.#byId.set(sessionId, session);
    this.#byTextarea.set(textareaId, sessionId);
  }

  /** The newest seq seen of a session (the `baseSeq` of the page's next change), if it is known. */
  seqOf(sessionId) {
    return this.#byId.get(sessionId)?.seq;
  }

  /** Our own change was accepted as `seq` (code_ack): seen, though never sent back to us. */
  recordAck(sessionId, seq) {
    const session = this.#byId.get(sessionId);
    if (session && seq > session.seq) session.seq = seq;
  }

  /** Forgets a session; returns its textarea id if it was known. */
  remove(sessionId) {
    const session = this.#byId.get(sessionId);
    if (!session) return undefined;
    this.#byId.delete(sessionId);
    if (this.#byTextarea.get(session.textareaId) === sessionId) this.#byTextarea.delete(session.textareaId);
    return session.textareaId;
  }

  /** Forgets every session whose request was never confirmed. */
  removePending() {
    for (const [sessionId, session] of this.#byId) {
      if (session.pending) this.remove(sessionId);
    }
  }

  /**
   * Sessions this page had before it was reloaded (page-identity.js): open, at seq 0, so the relay
   * sends the newest text of each on resume (the reloaded page shows its original text).
   */
  restore(sessions) {
    for (const { sessionId, textareaId } of sessions) {
      this.#byId.set(sessionId, { textareaId, seq: 0, pending: false });
      this.#byTextarea.set(textareaId, sessionId);
    }
  }

  /** The open sessions and their textareas, to be kept for a reload. */
  confirmed() {
    return [...this.#byId].filter(([, s]) => !s.pending).map(([sessionId, s]) => ({ sessionId, textareaId: s.textareaId }));
  }

  /** The resume cursor: what this tab already has, per session. */
  resumeCursor() {
    return [...this.#byId].filter(([, s]) => !s.pending).map(([sessionId, s]) => ({ sessionId, seq: s.seq }));
  }
}

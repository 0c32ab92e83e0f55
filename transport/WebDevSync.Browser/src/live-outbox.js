/**
 * The page's own changes (live editing) on their way to the relay, per session:
 * the newest text waiting to be sent (while disconnected, or before the relay
 * confirmed the session), and what was sent but not yet answered with
 * `code_ack` / `code_overtaken`. Only the newest text of a session matters:
 * each change carries the whole text.
 *
 * After a drop, a change that was sent but never answered is sent again with
 * the same `baseSeq`, as the protocol allows (README, "Live editing": the relay
 * may then acknowledge the earlier copy during the resume, which is harmless).
 */
export class LiveOutbox {
  /** @type {Map<string, { textareaId: string, code: string, baseSeq?: number }>} */
  #queued = new Map();
  /** @type {Map<string, { textareaId: string, code: string, baseSeq: number, count: number }>} */
  #unanswered = new Map();

  /** The newest text of a session's page, to be sent when it can be. */
  queue(sessionId, textareaId, code) {
    this.#queued.set(sessionId, { textareaId, code });
  }

  /** Takes every queued change whose session `canSend` says is ready. */
  take(canSend) {
    const ready = [];
    for (const [sessionId, change] of this.#queued) {
      if (!canSend(sessionId)) continue;
      this.#queued.delete(sessionId);
      ready.push({ sessionId, ...change });
    }
    return ready;
  }

  sent(sessionId, textareaId, code, baseSeq) {
    const count = (this.#unanswered.get(sessionId)?.count ?? 0) + 1;
    this.#unanswered.set(sessionId, { textareaId, code, baseSeq, count });
  }

  /** A code_ack or code_overtaken arrived (one per change, in order; a resume may bring an extra one). */
  answered(sessionId) {
    const entry = this.#unanswered.get(sessionId);
    if (!entry) return;
    entry.count -= 1;
    if (entry.count <= 0) this.#unanswered.delete(sessionId);
  }

  /** Whether the session has changes on the way or waiting. */
  busy(sessionId) {
    return this.#queued.has(sessionId) || this.#unanswered.has(sessionId);
  }

  /** The other side's text replaced the page's: what was waiting is gone from the page too. */
  dropQueued(sessionId) {
    this.#queued.delete(sessionId);
  }

  /** The connection dropped: unanswered changes are sent again (with their baseSeq) unless newer text waits. */
  connectionLost() {
    for (const [sessionId, { textareaId, code, baseSeq }] of this.#unanswered) {
      if (!this.#queued.has(sessionId)) this.#queued.set(sessionId, { textareaId, code, baseSeq });
    }
    this.#unanswered.clear();
  }

  forget(sessionId) {
    this.#queued.delete(sessionId);
    this.#unanswered.delete(sessionId);
  }
}

/**
 * Matches the server's answers to our requests. The server answers a
 * connection's messages in order, and an edit_request is answered only when it
 * fails (with an `error`). So after each edit_request we send a `ping`: when its
 * `pong` arrives with no error before it, every edit sent before that ping was
 * accepted. Errors that name a session settle that session's request; errors
 * without one settle the oldest request still waiting.
 */
export class ReplyTracker {
  /** @type {Array<{ kind: 'edit', sessionId: string, resolve: Function, reject: Function } | { kind: 'ping' }>} */
  #queue = [];

  /** @returns {Promise<void>} settles when the server accepted or refused the edit */
  expectEdit(sessionId) {
    return new Promise((resolve, reject) => {
      this.#queue.push({ kind: 'edit', sessionId, resolve, reject });
    });
  }

  expectPong() {
    this.#queue.push({ kind: 'ping' });
  }

  get pingsOutstanding() {
    return this.#queue.filter((entry) => entry.kind === 'ping').length;
  }

  /**
   * A pong arrived: settles everything up to and including the oldest ping.
   * @returns {string[]} the session ids whose edits were accepted
   */
  onPong() {
    const accepted = [];
    while (this.#queue.length > 0) {
      const entry = this.#queue.shift();
      if (entry.kind === 'ping') break;
      accepted.push(entry.sessionId);
      entry.resolve();
    }
    return accepted;
  }

  /**
   * An error arrived. Rejects the edit it belongs to, if any is waiting.
   * @param {string | undefined} sessionId
   * @param {Error} error
   * @returns {string | undefined} the session id of the rejected edit
   */
  onError(sessionId, error) {
    const index = sessionId === undefined
      ? this.#queue.findIndex((entry) => entry.kind === 'edit')
      : this.#queue.findIndex((entry) => entry.kind === 'edit' && entry.sessionId === sessionId);
    if (index < 0) return undefined;
    const [entry] = this.#queue.splice(index, 1);
    entry.reject(error);
    return entry.sessionId;
  }

  /** The connection is gone: nothing waiting will be answered. */
  failAll(error) {
    const waiting = this.#queue;
    this.#queue = [];
    for (const entry of waiting) {
      if (entry.kind === 'edit') entry.reject(error);
    }
  }
}

/**
 * A list of user callbacks. Emitting calls every callback even when one throws
 * (a broken page handler must not starve the others); the error is handed to
 * `onCallbackError` instead of escaping into the library's message loop.
 */
export class CallbackList {
  /** @type {Set<Function>} */
  #callbacks = new Set();
  #onCallbackError;

  /** @param {(error: unknown) => void} onCallbackError */
  constructor(onCallbackError) {
    this.#onCallbackError = onCallbackError;
  }

  /**
   * @param {Function} callback
   * @returns {() => void} unsubscribe; calling it more than once is harmless
   */
  add(callback) {
    if (typeof callback !== 'function') throw new TypeError('callback must be a function');
    // Wrap so the same function registered twice gets two independent registrations.
    const entry = (...args) => callback(...args);
    this.#callbacks.add(entry);
    return () => {
      this.#callbacks.delete(entry);
    };
  }

  /** Calls every callback registered at the moment of the call. */
  emit(...args) {
    for (const callback of [...this.#callbacks]) {
      try {
        callback(...args);
      } catch (error) {
        this.#onCallbackError(error);
      }
    }
  }

  get size() {
    return this.#callbacks.size;
  }
}

/**
 * Where a throwing user callback is reported. Browsers have `reportError`, which
 * shows the error like an uncaught exception (console + window 'error' event)
 * without unwinding our stack; elsewhere it is logged.
 * @param {unknown} error
 */
export function reportCallbackError(error) {
  if (typeof globalThis.reportError === 'function') {
    globalThis.reportError(error);
  } else {
    console.error('[WebDevSync] a callback threw:', error);
  }
}

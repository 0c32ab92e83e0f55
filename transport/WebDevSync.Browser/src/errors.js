/**
 * The one error type the library rejects promises with. `code` is stable and
 * machine-readable: either one of the server's error codes (NO_DESKTOP,
 * SESSION_NOT_FOUND, FORBIDDEN, UNAUTHENTICATED, ...) or one of the client's own
 * (NOT_CONNECTED, CONNECT_TIMEOUT, CONNECTION_FAILED, CONNECTION_LOST,
 * RECONNECT_FAILED, DISCONNECTED).
 */
export class WebDevSyncError extends Error {
  /**
   * @param {string} code stable error code
   * @param {string} message human-readable explanation
   * @param {{ sessionId?: string, cause?: unknown }} [details]
   */
  constructor(code, message, details = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'WebDevSyncError';
    this.code = code;
    if (details.sessionId !== undefined) this.sessionId = details.sessionId;
  }
}

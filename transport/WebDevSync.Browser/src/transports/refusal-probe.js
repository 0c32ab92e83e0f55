/**
 * Why the relay refused a connection. A browser reports a refused WebSocket
 * upgrade only as close code 1006, and a refused gRPC-Web call from an origin
 * the relay does not allow as a bare network error: neither shows the relay's
 * reason. So after a connection that failed before anything arrived, the
 * library asks the relay: a POST to the WebSocket URL with the token (if any)
 * as a text/plain body, a request any page may send without a preflight and
 * whose answer the relay lets any origin read. The relay runs the handshake's
 * checks again and answers 200 `ok` or the refusal's status and reason.
 */

/** Statuses that mean "refused", as opposed to a relay that is away or an older relay without the probe. */
const REFUSALS = new Set([401, 403, 404, 429]);
const PROBE_TIMEOUT_MS = 5000;
const MAX_REASON_CHARS = 300;

/** The probe's http(s) URL for a ws(s) relay URL. */
export function probeUrl(url) {
  const target = new URL(url);
  if (target.protocol === 'ws:') target.protocol = 'http:';
  else if (target.protocol === 'wss:') target.protocol = 'https:';
  target.hash = '';
  return target.href;
}

/**
 * @param {string} url the relay's WebSocket URL
 * @param {string | undefined} token
 * @param {typeof fetch | undefined} fetchImpl
 * @returns {Promise<{ status: number, reason: string } | null>} the refusal, or null when the relay
 *   would accept, cannot be asked, or gave no refusal
 */
export async function probeRefusal(url, token, fetchImpl = globalThis.fetch) {
  if (typeof fetchImpl !== 'function') return null;
  try {
    const response = await fetchImpl(probeUrl(url), {
      method: 'POST',
      body: token ?? '',
      headers: { 'content-type': 'text/plain' },
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      signal: typeof AbortSignal?.timeout === 'function' ? AbortSignal.timeout(PROBE_TIMEOUT_MS) : undefined,
    });
    if (!REFUSALS.has(response.status)) return null;
    const text = (await response.text()).slice(0, MAX_REASON_CHARS);
    // The reason is shown to the user: no control characters, whatever the other end sent.
    const reason = text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ').trim();
    return { status: response.status, reason: reason || `HTTP ${response.status}` };
  } catch {
    return null;
  }
}

/** What the page's developer or user can do about a refusal, in a few words. */
export function refusalHint({ status, reason }, pageOrigin = globalThis.location?.origin) {
  if (status === 403 && reason.startsWith('origin not allowed')) {
    return pageOrigin ? ` Add ${pageOrigin} to the relay's cors.origin.` : " Add this page's origin to the relay's cors.origin.";
  }
  if (status === 403 && reason.startsWith('host not allowed')) return ' Open the page through localhost, or add its host name to the relay\'s allowedHosts.';
  if (status === 401 && reason === 'missing token') return ' This relay needs a token: pass { token } to new WebDevSync().';
  if (status === 401) return ' Get a new token for this user.';
  if (status === 404) return ' Nothing answers at this URL: the relay\'s WebSocket is at /web-dev-sync/ws.';
  return '';
}

// A refused connection reaches the page with the relay's reason (asked for with
// the refusal probe, since a browser sees a refused upgrade only as 1006), and a
// refusal that retrying cannot fix is not retried.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { probeRefusal, probeUrl, refusalHint } from '../../../transport/WebDevSync.Browser/src/transports/refusal-probe.js';
import { flush, harness } from './support/fakes.mjs';

const answering = (status, reason) => async () => (status === null ? null : { status, reason });

describe('a refused connection', () => {
  it('rejects connect() with REFUSED and the relay\'s reason, ends in error, and tells statusChange and onError why', async () => {
    const { sync, sockets, states, errors } = harness({ probe: answering(403, 'origin not allowed') });
    const seen = [];
    sync.onError((error) => seen.push(error));
    const connecting = sync.connect();
    sockets.at(-1).serverClose(1006);
    const error = await connecting.then(() => assert.fail('connected'), (e) => e);
    assert.equal(error.code, 'REFUSED');
    assert.equal(error.status, 403);
    assert.equal(error.reason, 'origin not allowed');
    assert.match(error.message, /origin not allowed \(HTTP 403\)\. Add .* to the relay's cors\.origin\./);
    assert.deepEqual(states, ['connecting', 'error']);
    assert.equal(errors.at(-1), error);
    assert.equal(seen.at(-1), error);
  });

  it('while reconnecting, a refused token stops the retries at once', async () => {
    const { clock, sync, sockets, connected, states, errors } = harness({ probe: answering(401, 'token expired') });
    await connected();
    sockets.at(-1).serverClose(1001, 'shutting down');
    assert.equal(sync.state, 'reconnecting');
    clock.advance(1000);
    sockets.at(-1).serverClose(1006);
    await flush();
    assert.equal(sync.state, 'error');
    assert.equal(errors.at(-1).code, 'REFUSED');
    assert.match(errors.at(-1).message, /token expired \(HTTP 401\)\. Get a new token/);
    const before = sockets.length;
    clock.advance(10 * 60 * 1000);
    assert.equal(sockets.length, before, 'no attempt after a refusal');
    assert.equal(clock.pending, 0, 'no timer left');
    assert.deepEqual(states, ['connecting', 'connected', 'reconnecting', 'error']);
  });

  it('too many connections (429) is retried like any failed attempt', async () => {
    const { clock, sync, sockets, connected } = harness({ probe: answering(429, 'too many connections from this address') });
    await connected();
    sockets.at(-1).serverClose(1006);
    clock.advance(1000);
    sockets.at(-1).serverClose(1006);
    await flush();
    assert.equal(sync.state, 'reconnecting');
    const before = sockets.length;
    clock.advance(2000);
    assert.equal(sockets.length, before + 1);
  });

  it('without a refusal from the probe (the relay is away) fails as before', async () => {
    const { sync, sockets } = harness({ probe: answering(null) });
    const connecting = sync.connect();
    sockets.at(-1).serverClose(1006);
    const error = await connecting.then(() => assert.fail('connected'), (e) => e);
    assert.equal(error.code, 'CONNECTION_FAILED');
  });
});

describe('the refusal probe', () => {
  const fetchAnswering = (status, body, seen = []) => async (url, init) => {
    seen.push({ url, init });
    return { status, text: async () => body };
  };

  it('POSTs the token as text/plain to the http(s) form of the WebSocket URL, without credentials', async () => {
    const seen = [];
    const refused = await probeRefusal('wss://relay.test/web-dev-sync/ws', 'tok', fetchAnswering(401, 'token expired', seen));
    assert.deepEqual(refused, { status: 401, reason: 'token expired' });
    assert.equal(seen[0].url, 'https://relay.test/web-dev-sync/ws');
    assert.equal(seen[0].init.method, 'POST');
    assert.equal(seen[0].init.body, 'tok');
    assert.equal(seen[0].init.credentials, 'omit');
    assert.equal(probeUrl('ws://127.0.0.1:8071/web-dev-sync/ws'), 'http://127.0.0.1:8071/web-dev-sync/ws');
  });

  it('counts only 401, 403, 404 and 429 as refusals (an older relay answers a POST with 400)', async () => {
    assert.equal(await probeRefusal('ws://r.test/ws', undefined, fetchAnswering(200, 'ok')), null);
    assert.equal(await probeRefusal('ws://r.test/ws', undefined, fetchAnswering(400, 'WebSocket connections only')), null);
    assert.equal(await probeRefusal('ws://r.test/ws', undefined, fetchAnswering(502, 'bad gateway')), null);
    assert.equal((await probeRefusal('ws://r.test/ws', undefined, fetchAnswering(404, 'not found'))).status, 404);
  });

  it('strips control and bidi characters from the reason and gives up quietly when fetch fails', async () => {
    const refused = await probeRefusal('ws://r.test/ws', undefined, fetchAnswering(403, 'origin\u001b[31m not\u202e allowed'));
    assert.equal(refused.reason, 'origin [31m not  allowed');
    assert.equal(await probeRefusal('ws://r.test/ws', undefined, async () => { throw new TypeError('Failed to fetch'); }), null);
  });

  it('hints at the fix for the common refusals', () => {
    assert.match(refusalHint({ status: 401, reason: 'missing token' }), /pass \{ token \}/);
    assert.match(refusalHint({ status: 403, reason: 'origin not allowed' }, 'https://app.test'), /Add https:\/\/app\.test to the relay's cors\.origin/);
    assert.match(refusalHint({ status: 404, reason: 'x' }), /\/web-dev-sync\/ws/);
  });
});

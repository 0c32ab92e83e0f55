// The agent's side of the protocol, by hand: a WebSocket client that says
// desktop_connect and lets a test read what the relay routes to the agent and
// answer as an agent would (README "Protocol"). A stand-in for the agent, so a
// browser test checks the wire at the agent's end without a real editor.

import WebSocket from 'ws';

/**
 * @param {string} url the relay's WebSocket endpoint @param {string} userId
 * @param {{ acceptsCodeMerged?: boolean }} [options] say on connect that it understands code_merged, as the agent does
 */
export async function fakeDesktop(url, userId, { acceptsCodeMerged = false, acceptsEdits = false } = {}) {
  const socket = new WebSocket(url);
  const received = [];
  const waiters = [];
  socket.on('message', (data) => {
    received.push(Object.defineProperty(JSON.parse(String(data)), 'wireBytes', { value: Buffer.byteLength(data) }));
    for (const waiter of [...waiters]) waiter();
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const flags = { ...(acceptsCodeMerged ? { acceptsCodeMerged: true } : {}), ...(acceptsEdits ? { acceptsEdits: true } : {}) };
  socket.send(JSON.stringify(Object.keys(flags).length > 0
    ? { type: 'desktop_connect', connectionId: `d-${userId}`, userId, payload: flags }
    : { type: 'desktop_connect', connectionId: `d-${userId}`, userId }));
  /** The first message (already received or to come) of `type` (or one of several) that `predicate` accepts, removed from the record. */
  const next = (type, predicate = () => true, timeout = 15000) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      waiters.splice(waiters.indexOf(check), 1);
      reject(new Error(`the desktop got no matching ${type} within ${timeout} ms; it got ${JSON.stringify(received.map((m) => [m.type, m.payload?.code]))}`));
    }, timeout);
    const check = () => {
      const index = received.findIndex((m) => [type].flat().includes(m.type) && predicate(m));
      if (index < 0) return;
      clearTimeout(timer);
      waiters.splice(waiters.indexOf(check), 1);
      resolve(received.splice(index, 1)[0]);
    };
    waiters.push(check);
    check();
  });
  await next('connection_ack');
  return {
    next,
    received,
    send: (message) => socket.send(JSON.stringify(message)),
    /** A save (no baseSeq): applied unconditionally, no answer. */
    update: (sessionId, textareaId, code) => socket.send(JSON.stringify({ type: 'code_update', sessionId, payload: { textareaId, code } })),
    /** A live change based on `baseSeq`: answered with code_ack or code_overtaken. */
    liveUpdate: (sessionId, textareaId, code, baseSeq) => socket.send(JSON.stringify({ type: 'code_update', sessionId, payload: { textareaId, code, baseSeq } })),
    close: () => socket.close(),
  };
}

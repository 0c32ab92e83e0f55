// A stand-in for the relay in browser tests that exercise only the page and
// the library: it serves the server's wwwroot at /web-dev-sync/ (and test
// pages at /fixtures/) and accepts WebSockets at /web-dev-sync/ws, leaving every
// protocol answer to the test (see acknowledge()).
// (End-to-end tests use the real server; see processes.mjs.)

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';

export const WWWROOT = fileURLToPath(new URL('../../../../transport/WebDevSync.Server/wwwroot/', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
// The real editor packages, loaded by fixture pages as their docs say (classic scripts, Monaco's AMD loader).
export const NODE_MODULES = fileURLToPath(new URL('../../../../node_modules/', import.meta.url));
const MOUNTS = [['/web-dev-sync/', WWWROOT], ['/fixtures/', FIXTURES], ['/node_modules/', NODE_MODULES]];
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json', '.ts': 'text/plain', '.mjs': 'text/javascript; charset=utf-8', '.ttf': 'font/ttf' };

/**
 * @param {{ mounts?: Array<[string, string]> }} [options] more URL prefixes and the directories they serve
 * @returns {Promise<{ baseUrl: string, sockets: import('ws').WebSocket[], nextSocket: () => Promise<import('ws').WebSocket>, close: () => Promise<void> }>}
 */
export async function startStaticRelay({ mounts = [] } = {}) {
  const allMounts = [...mounts, ...MOUNTS];
  const http = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://x');
    const mount = allMounts.find(([prefix]) => url.pathname.startsWith(prefix));
    if (!mount) return notFound(response);
    const [prefix, root] = mount;
    let path = normalize(join(root, decodeURIComponent(url.pathname.slice(prefix.length))));
    if (!path.startsWith(root)) return notFound(response);
    if (url.pathname.endsWith('/')) path = join(path, 'index.html');
    try {
      if (!(await stat(path)).isFile()) return notFound(response);
    } catch {
      return notFound(response);
    }
    response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(path).pipe(response);
  });
  const wss = new WebSocketServer({ server: http, path: '/web-dev-sync/ws', handleProtocols: (protocols) => (protocols.has('webdevsync') ? 'webdevsync' : false) });
  const sockets = [];
  const untaken = [];
  const waiting = [];
  wss.on('connection', (socket, request) => {
    socket.request = { url: request.url, protocolHeader: request.headers['sec-websocket-protocol'] };
    socket.received = [];
    socket.on('message', (data) => socket.received.push(JSON.parse(String(data))));
    sockets.push(socket);
    const waiter = waiting.shift();
    if (waiter) waiter(socket);
    else untaken.push(socket);
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address();
  return {
    baseUrl: `http://127.0.0.1:${port}/web-dev-sync/`,
    sockets,
    /** The next socket to connect (or one that connected and was not yet taken). */
    nextSocket: () => (untaken.length > 0 ? Promise.resolve(untaken.shift()) : new Promise((resolve) => waiting.push(resolve))),
    /** Forgets sockets nobody took (e.g. from pages of an earlier test). */
    reset: () => {
      untaken.length = 0;
    },
    close: async () => {
      for (const socket of wss.clients) socket.terminate();
      await new Promise((resolve) => wss.close(resolve));
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

/**
 * Answers a browser's connect like the relay does, and (with autoPong) every
 * later ping at once. Without autoPong the test answers pings itself, e.g. to
 * send an error for an edit_request before the pong that follows it.
 */
export async function acknowledge(socket, { desktop = true, autoPong = true } = {}) {
  const hello = await nextMessage(socket, 'browser_connect');
  if (autoPong) {
    socket.on('message', (data) => {
      if (JSON.parse(String(data)).type === 'ping') socket.send('{"type":"pong"}');
    });
  }
  socket.send(JSON.stringify({ type: 'connection_ack', connectionId: hello.connectionId, status: 'connected', payload: { role: 'browser', userId: hello.userId } }));
  socket.send(JSON.stringify({ type: 'desktop_status', payload: { connected: desktop } }));
  return hello;
}

/** The first message of `type` the socket received or will receive. */
export function nextMessage(socket, type, timeout = 15000) {
  const seen = socket.received.find((m) => m.type === type && !m.taken);
  if (seen) {
    seen.taken = true;
    return Promise.resolve(seen);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} within ${timeout} ms`)), timeout);
    const listener = () => {
      const message = socket.received.find((m) => m.type === type && !m.taken);
      if (!message) return;
      message.taken = true;
      clearTimeout(timer);
      socket.off('message', listener);
      resolve(message);
    };
    // Registered after the recording listener, so received[] already holds the message.
    socket.on('message', listener);
  });
}

function notFound(response) {
  response.writeHead(404, { 'content-type': 'text/plain' });
  response.end('not found');
}

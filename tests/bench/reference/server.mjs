// The seed's reference relay ("web-dev-sync-server", Express + ws), written out as the benchmark's
// comparison peer. routeMessage, handleEditRequest and handleCodeUpdate are the seed's code as
// published; handleBrowserConnect/handleDesktopConnect/handleDisconnection/sendError are the least
// the seed leaves out that its flow needs (store the socket, acknowledge, forget it on close).
// express-session and cors are left out: the seed configures them but no relay path uses them.
//
//   node tests/bench/reference/server.mjs --port 0      prints "reference listening on http://127.0.0.1:PORT/web-dev-sync/"
import http from 'node:http';
import express from 'express';
import { WebSocketServer } from 'ws';

const defaultConfig = {
  port: 8071,
  host: '127.0.0.1',
  websocketEndpoint: '/web-dev-sync/ws',
};

class WebDevSyncServer {
  constructor(config) {
    this.config = config;
    this.app = express();
    this.server = null;
    this.wss = null;

    // Connection tracking
    this.browserConnections = new Map(); // connectionId -> {ws, userId, sessionId}
    this.desktopConnections = new Map(); // connectionId -> {ws, userId}
    this.userSessions = new Map();       // userId -> {browserId, desktopId}
    this.activeSessions = new Map();     // sessionId -> {userId, textareaId}
  }

  start() {
    this.setupExpress();
    this.setupWebSocket();
    this.setupRoutes();
    return new Promise((resolve) => this.server.listen(this.config.port, this.config.host, () => resolve(this.server.address().port)));
  }

  setupExpress() {
    this.server = http.createServer(this.app);
  }

  setupWebSocket() {
    this.wss = new WebSocketServer({
      server: this.server,
      path: this.config.websocketEndpoint
    });

    this.wss.on('connection', (ws, req) => {
      this.handleConnection(ws, req);
    });
  }

  handleConnection(ws, req) {
    ws.on('message', (data) => {
      // The seed calls JSON.parse unguarded (a bad frame would crash it); the benchmark sends valid
      // JSON only, and the guard costs nothing on valid input.
      let message;
      try { message = JSON.parse(data); } catch { this.sendError(ws, 'Invalid JSON'); return; }
      this.routeMessage(ws, message);
    });

    ws.on('close', () => {
      this.handleDisconnection(ws);
    });
  }

  routeMessage(ws, message) {
    switch (message.type) {
      case 'browser_connect':
        this.handleBrowserConnect(ws, message);
        break;
      case 'desktop_connect':
        this.handleDesktopConnect(ws, message);
        break;
      case 'edit_request':
        this.handleEditRequest(ws, message);
        break;
      case 'code_update':
        this.handleCodeUpdate(ws, message);
        break;
    }
  }

  // Not in the seed: store the browser socket under its connectionId and acknowledge.
  handleBrowserConnect(ws, message) {
    const { connectionId, userId } = message;
    ws.role = 'browser';
    ws.connectionId = connectionId;
    this.browserConnections.set(connectionId, { ws, userId, sessionId: null });
    const userSession = this.userSessions.get(userId) || {};
    userSession.browserId = connectionId;
    this.userSessions.set(userId, userSession);
    ws.send(JSON.stringify({ type: 'connection_ack', connectionId, status: 'connected' }));
  }

  // Not in the seed: store the desktop socket; the user's newest desktop receives edit requests.
  handleDesktopConnect(ws, message) {
    const { connectionId, userId } = message;
    ws.role = 'desktop';
    ws.connectionId = connectionId;
    this.desktopConnections.set(connectionId, { ws, userId });
    const userSession = this.userSessions.get(userId) || {};
    userSession.desktopId = connectionId;
    this.userSessions.set(userId, userSession);
    ws.send(JSON.stringify({ type: 'connection_ack', connectionId, status: 'connected' }));
  }

  handleEditRequest(ws, message) {
    const { userId, sessionId, payload } = message;

    // Find desktop connection for user
    const userSession = this.userSessions.get(userId);
    if (!userSession || !userSession.desktopId) {
      this.sendError(ws, 'No desktop connection found');
      return;
    }

    const desktopConn = this.desktopConnections.get(userSession.desktopId);
    if (desktopConn) {
      // Store session info
      this.activeSessions.set(sessionId, {
        userId,
        textareaId: payload.textareaId,
        browserConnectionId: message.connectionId
      });

      // Forward to desktop
      desktopConn.ws.send(JSON.stringify({
        type: 'edit_request',
        sessionId,
        payload
      }));
    }
  }

  handleCodeUpdate(ws, message) {
    const { sessionId, payload } = message;

    // Find original session
    const session = this.activeSessions.get(sessionId);
    if (!session) {
      this.sendError(ws, 'Session not found');
      return;
    }

    // Find browser connection
    const browserConn = this.browserConnections.get(session.browserConnectionId);
    if (browserConn) {
      browserConn.ws.send(JSON.stringify({
        type: 'code_update',
        payload: {
          textareaId: session.textareaId,
          code: payload.code
        }
      }));
    }
  }

  // Not in the seed: forget a closed socket (only if it is still the registered one).
  handleDisconnection(ws) {
    const map = ws.role === 'browser' ? this.browserConnections : ws.role === 'desktop' ? this.desktopConnections : null;
    if (!map) return;
    const entry = map.get(ws.connectionId);
    if (!entry || entry.ws !== ws) return;
    map.delete(ws.connectionId);
    const userSession = this.userSessions.get(entry.userId);
    if (!userSession) return;
    if (ws.role === 'browser' && userSession.browserId === ws.connectionId) delete userSession.browserId;
    if (ws.role === 'desktop' && userSession.desktopId === ws.connectionId) delete userSession.desktopId;
    if (!userSession.browserId && !userSession.desktopId) this.userSessions.delete(entry.userId);
  }

  // The seed's error shape: {"type":"error","connectionId",payload:{message,code}}.
  sendError(ws, message) {
    const code = message === 'Session not found' ? 'SESSION_NOT_FOUND'
      : message === 'No desktop connection found' ? 'NO_DESKTOP' : 'INVALID_MESSAGE';
    ws.send(JSON.stringify({ type: 'error', connectionId: ws.connectionId, payload: { message, code } }));
  }

  setupRoutes() {
    // GET /web-dev-sync/status - Human readable status
    this.app.get('/web-dev-sync/status', (req, res) => {
      res.json({
        active: true,
        uptime: process.uptime(),
        connections: {
          browser: this.browserConnections.size,
          desktop: this.desktopConnections.size
        },
        sessions: {
          users: this.userSessions.size,
          active: this.activeSessions.size
        }
      });
    });
  }
}

function parseArgs(argv) {
  const config = { ...defaultConfig };
  if (process.env.PORT) config.port = Number(process.env.PORT);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--port') config.port = Number(argv[++i]);
    else if (argv[i].startsWith('--port=')) config.port = Number(argv[i].slice(7));
  }
  return config;
}

const server = new WebDevSyncServer(parseArgs(process.argv.slice(2)));
const port = await server.start();
console.log(`reference listening on http://127.0.0.1:${port}/web-dev-sync/`);
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));

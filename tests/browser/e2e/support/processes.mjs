// The real relay server and the real agent as child processes, built first when
// their output is missing.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
export const SERVER_DLL = join(REPO, 'transport/WebDevSync.Server/bin/Debug/net10.0/WebDevSync.Server.dll');
export const AGENT_DLL = join(REPO, 'agent-tui/WebDevSync.Agent/bin/Debug/net10.0/WebDevSync.Agent.dll');
export const WWWROOT = join(REPO, 'transport/WebDevSync.Server/wwwroot');
export const SCRIPTED_EDITOR = fileURLToPath(new URL('./scripted-editor.mjs', import.meta.url));

/** Every child still running, so a failing test never leaves one behind. */
const running = new Set();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Stops every process started by this module (servers and agents). */
export async function stopAll() {
  await Promise.all([...running].map((child) => child.stopThis()));
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}

/** Builds the browser library into wwwroot/lib (about a second). */
export function buildLibrary() {
  run(process.execPath, ['transport/WebDevSync.Browser/build.mjs']);
}

/** Builds what is missing: the library (always, it is cheap), the server, the agent. */
export function ensureBuilt({ agent = true } = {}) {
  buildLibrary();
  if (!existsSync(SERVER_DLL)) run('dotnet', ['build', 'transport/WebDevSync.Server', '-v', 'q', '-nologo']);
  if (agent && !existsSync(AGENT_DLL)) run('dotnet', ['build', 'agent-tui/WebDevSync.Agent', '-v', 'q', '-nologo']);
}

/**
 * A child process whose stdout lines can be awaited.
 * @param {string[]} argv
 */
function startProcess(argv, name, env = {}) {
  const child = spawn(argv[0], argv.slice(1), { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DOTNET_NOLOGO: '1', ...env } });
  const lines = [];
  const waiters = new Set();
  running.add(child);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => {
    running.delete(child);
    resolve({ code, signal });
  }));
  const onLine = (line) => {
    lines.push(line);
    if (process.env.E2E_VERBOSE) console.log(`[${name}] ${line}`);
    for (const waiter of [...waiters]) waiter(line);
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', (line) => onLine(`stderr: ${line}`));
  const handle = {
    child,
    lines,
    exited,
    /**
     * Resolves with the match of the first line (already printed or future,
     * from `from` on) matching `pattern`.
     */
    waitForLine(pattern, { timeout = 30000, from = 0 } = {}) {
      const earlier = lines.slice(from).map((l) => l.match(pattern)).find(Boolean);
      if (earlier) return Promise.resolve(earlier);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${name}: no line matching ${pattern} within ${timeout} ms. Output so far:\n${lines.join('\n')}`));
        }, timeout);
        const check = (line) => {
          const match = line.match(pattern);
          if (!match) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(match);
        };
        waiters.add(check);
        exited.then(({ code, signal }) => {
          if (!waiters.has(check)) return;
          clearTimeout(timer);
          waiters.delete(check);
          reject(new Error(`${name} exited (${code ?? signal}) before printing ${pattern}. Output:\n${lines.join('\n')}`));
        });
      });
    },
    /** SIGTERM, then SIGKILL if it lingers; resolves when it is gone. */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
      await exited;
      clearTimeout(timer);
    },
  };
  child.stopThis = () => handle.stop();
  return handle;
}

/**
 * Starts the relay (port 0 = ephemeral) and resolves once it printed its URL; `env` is added to
 * its environment.
 * @returns {Promise<ReturnType<typeof startProcess> & { port: number, baseUrl: string, wsUrl: string }>}
 */
export async function startServer({ port = 0, args = [], env = {}, name = 'server' } = {}) {
  // Serve the source wwwroot (not the build's copy, which may be older than the
  // page under test) and leave the native gRPC port off: only HTTP is needed.
  const argv = ['dotnet', SERVER_DLL, '--port', String(port), '--grpc-port', '-1', '--web-root', WWWROOT, ...args];
  const server = startProcess(argv, name, env);
  const [, baseUrl, actualPort] = await server.waitForLine(/WebDevSync listening on (http:\/\/127\.0\.0\.1:(\d+)\/web-dev-sync\/)/);
  return Object.assign(server, { port: Number(actualPort), baseUrl, wsUrl: `ws://127.0.0.1:${actualPort}/web-dev-sync/ws` });
}

/**
 * Starts a headless agent for `user` whose editor is the scripted editor; `args` and `env` are
 * added to its command line and environment.
 * @returns {Promise<ReturnType<typeof startProcess> & { controlDir: string }>}
 */
export async function startAgent({ wsUrl, user, controlDir = mkdtempSync(join(tmpdir(), 'wds-editor-')), waitConnected = true, args = [], env = {} }) {
  const editor = `"${process.execPath}" "${SCRIPTED_EDITOR}" {file} "${controlDir}"`;
  const agent = startProcess(['dotnet', AGENT_DLL, '--headless', '--url', wsUrl, '--user', user, '--editor', editor, ...args], `agent ${user}`, env);
  // Removing the control directory also ends the scripted editors the agent left running.
  agent.exited.then(() => rmSync(controlDir, { recursive: true, force: true }));
  if (waitConnected) await agent.waitForLine(/^connected\b/);
  return Object.assign(agent, { controlDir });
}

// Debian's nginx, started by the test without root's help: a scratch prefix holding the main
// configuration, pid file and temp folders; deploy/nginx/web-dev-sync.conf included with only its
// lines marked "test:" rewritten (listen address, certificate, upstream servers).

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { REPO } from '../support.mjs';

export const DEPLOY_CONF = join(REPO, 'deploy/nginx/web-dev-sync.conf');
export const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find(existsSync) ?? 'nginx';

/** A port free on 127.0.0.1 now (nginx cannot report the port it got for 0). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Each marker and how often the file holds it (the node list is in the one upstream block). */
const MARKERS = { 'upstream servers': 1, listen: 1, certificate: 1, key: 1 };

/**
 * deploy/nginx/web-dev-sync.conf with each line marked "# test: <what>" rewritten; every marker
 * must be found as often as MARKERS says, so the file cannot drift from what the test runs.
 */
export function renderDeployConf({ port, certFile, keyFile, upstreams }) {
  const seen = new Map();
  const rewrite = {
    'upstream servers': (line) => upstreams.map((address) => line.replace(/server \S+/, `server ${address}`)).join('\n'),
    listen: (line) => line.replace(/listen \S+/, `listen 127.0.0.1:${port}`),
    certificate: (line) => line.replace(/ssl_certificate\s+\S+;/, `ssl_certificate     ${certFile};`),
    key: (line) => line.replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${keyFile};`),
  };
  const text = readFileSync(DEPLOY_CONF, 'utf8').split('\n').map((line) => {
    const marker = line.match(/#\s*test:\s*(.+?)\s*$/)?.[1];
    if (!marker) return line;
    if (!rewrite[marker]) throw new Error(`${DEPLOY_CONF}: unknown test marker "${marker}"`);
    seen.set(marker, (seen.get(marker) ?? 0) + 1);
    return rewrite[marker](line);
  }).join('\n');
  for (const [marker, count] of Object.entries(MARKERS))
    if (seen.get(marker) !== count) throw new Error(`${DEPLOY_CONF}: marker "test: ${marker}" found ${seen.get(marker) ?? 0} times, expected ${count}`);
  return text;
}

/**
 * Starts nginx in `dir` with the deploy configuration on `port` (default: a free one); resolves
 * once the port accepts connections.
 * @returns {Promise<{ port: number, origin: string, stop: () => Promise<void>, output: string[] }>}
 */
export async function startNginx(dir, { port, certFile, keyFile, upstreams }) {
  port ??= await freePort();
  for (const sub of ['logs', 'temp']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'web-dev-sync.conf'), renderDeployConf({ port, certFile, keyFile, upstreams }));
  const temp = (name) => `${name}_temp_path ${join(dir, 'temp', name)};`;
  writeFileSync(join(dir, 'nginx.conf'), [
    // Run as root (some CI machines), the workers would become "nobody" and lose the scratch folders.
    ...(process.getuid?.() === 0 ? ['user root;'] : []),
    'worker_processes 1;',
    'events { worker_connections 1024; }',
    'http {',
    // Which node served each request and for whom (a WebSocket's line is written when it closes).
    '  log_format upstream \'$request_method $uri $status upstream=$upstream_addr ua="$http_user_agent"\';',
    `  access_log ${join(dir, 'logs/access.log')} upstream;`,
    `  ${temp('client_body')} ${temp('proxy')} ${temp('fastcgi')} ${temp('uwsgi')} ${temp('scgi')}`,
    `  include ${join(dir, 'web-dev-sync.conf')};`,
    '}',
  ].join('\n'));
  const child = spawn(NGINX, ['-e', 'stderr', '-p', dir, '-c', join(dir, 'nginx.conf'),
    '-g', `daemon off; pid ${join(dir, 'nginx.pid')}; error_log stderr;`], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  child.stdout.on('data', (d) => output.push(String(d)));
  child.stderr.on('data', (d) => output.push(String(d)));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  process.on('exit', () => child.kill('SIGKILL'));
  let gone = false;
  exited.then(() => { gone = true; });
  for (let i = 0; ; i++) {
    if (gone) throw new Error(`nginx exited before listening:\n${output.join('')}`);
    if (await accepts(port)) break;
    if (i > 200) throw new Error(`nginx did not listen on ${port} within 10 s:\n${output.join('')}`);
    await sleep(50);
  }
  return {
    port,
    origin: `https://127.0.0.1:${port}`,
    output,
    /** SIGQUIT is nginx's graceful stop; SIGKILL if it lingers. */
    async stop() {
      if (gone) return;
      child.kill('SIGQUIT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function accepts(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

// Debian's redis-server on a free loopback port, keeping nothing on disk, for the nodes to share.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { SERVER_DLL } from '../../browser/e2e/support/processes.mjs';
import { freePort } from './nginx.mjs';

export const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/sbin/redis-server'].find(existsSync);

/** Why several nodes cannot be tested here (no redis-server, or a relay without the `redis` key), or null. */
export function clusterMissing() {
  if (!REDIS_SERVER) return 'redis-server is not installed (apt-get install redis-server; scripts/test does this)';
  const help = spawnSync('dotnet', [SERVER_DLL, '--help'], { encoding: 'utf8' });
  return /--redis\b/.test(`${help.stdout}${help.stderr}`) ? null : 'this relay has no --redis switch yet (issue 16, the cluster branch)';
}

/** @returns {Promise<{ address: string, stop: () => Promise<void> }>} */
export async function startRedis(dir) {
  const port = await freePort();
  const child = spawn(REDIS_SERVER, ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  process.on('exit', () => child.kill('SIGKILL'));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const lines = [];
  await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (/Ready to accept connections/.test(line)) resolve();
    });
    exited.then((code) => reject(new Error(`redis-server exited (${code}):\n${lines.join('\n')}`)));
  });
  return {
    address: `127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

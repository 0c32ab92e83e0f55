// scripts/run as a new user meets it: it serves a Release build (building it when the sources changed)
// and refuses a misspelt switch with exit code 2 and a hint, instead of starting on the default port.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, describe, it } from 'node:test';
import { REPO } from './support.mjs';

const RUN = join(REPO, 'scripts/run');

describe('scripts/run', () => {
  let relay;

  after(() => relay?.kill('SIGKILL'));

  it('refuses --prot 9000 with exit code 2, suggesting --port', () => {
    const result = spawnSync(RUN, ['--prot', '9000'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /--prot: unknown switch; did you mean --port\?/);
    assert.doesNotMatch(result.stdout, /listening/);
  });

  it('serves the Release build', async () => {
    relay = spawn(RUN, ['--port', '0', '--grpc-port', '-1'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((resolve) => relay.once('exit', (code) => resolve(code)));
    const baseUrl = await new Promise((resolve, reject) => {
      createInterface({ input: relay.stdout }).on('line', (line) => {
        const m = line.match(/WebDevSync listening on (http:\/\/127\.0\.0\.1:\d+\/web-dev-sync\/)/);
        if (m) resolve(m[1]);
      });
      exited.then((code) => reject(new Error(`scripts/run exited (${code}) before listening`)));
    });
    // scripts/run execs the relay, so its process is the relay's.
    const argv = readFileSync(`/proc/${relay.pid}/cmdline`, 'utf8').split('\0');
    assert.ok(argv.includes(join(REPO, 'transport/WebDevSync.Server/bin/Release/net10.0/WebDevSync.Server.dll')), argv.join(' '));
    assert.equal(await (await fetch(`${baseUrl}healthz`)).text(), 'ok');
    relay.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});

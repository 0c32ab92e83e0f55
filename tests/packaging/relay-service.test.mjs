// The relay as docs/DEPLOY.md installs it: `dotnet publish` output started on its own (from another
// working directory, as systemd does) serves the relay, the browser library and the metrics, and stops
// cleanly on SIGTERM; the systemd unit in deploy/ passes systemd-analyze verify.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { REPO, run, scratch } from './support.mjs';

const UNIT = join(REPO, 'deploy/web-dev-sync.service');

describe('the relay as a service', () => {
  const out = scratch('publish');
  let relay;

  after(() => relay?.kill('SIGKILL'));

  it('dotnet publish writes a runnable relay with its web root', () => {
    run(process.execPath, ['transport/WebDevSync.Browser/build.mjs']);
    run('dotnet', ['publish', 'transport/WebDevSync.Server', '-c', 'Release', '-o', out, '-nologo', '-v', 'q']);
    for (const file of ['WebDevSync.Server.dll', 'wwwroot/index.html', 'wwwroot/web-dev-sync.js', 'wwwroot/lib/web-dev-sync.js', 'wwwroot/lib/web-dev-sync.iife.js'])
      assert.ok(readFileSync(join(out, file)).length > 0, `${file} is published`);
  });

  it('the published relay serves status, the library and metrics, and exits 0 on SIGTERM', async () => {
    relay = spawn('dotnet', [join(out, 'WebDevSync.Server.dll'), '--port', '0', '--grpc-port', '-1'], { cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((resolve) => relay.once('exit', (code) => resolve(code)));
    const baseUrl = await new Promise((resolve, reject) => {
      createInterface({ input: relay.stdout }).on('line', (line) => {
        const m = line.match(/WebDevSync listening on (http:\/\/127\.0\.0\.1:\d+\/web-dev-sync\/)/);
        if (m) resolve(m[1]);
      });
      exited.then((code) => reject(new Error(`the published relay exited (${code}) before listening`)));
    });
    assert.equal(await (await fetch(`${baseUrl}healthz`)).text(), 'ok');
    const library = await fetch(`${baseUrl}lib/web-dev-sync.js`);
    assert.equal(library.status, 200);
    assert.equal(await library.text(), readFileSync(join(out, 'wwwroot/lib/web-dev-sync.js'), 'utf8'));
    assert.match(await (await fetch(`${baseUrl}metrics`)).text(), /^# TYPE webdevsync_connections gauge$/m);
    relay.kill('SIGTERM');
    assert.equal(await exited, 0);
  });

  it('the systemd unit is Type=notify, runs the published dll and passes systemd-analyze verify', () => {
    const unit = readFileSync(UNIT, 'utf8');
    assert.match(unit, /^Type=notify$/m);
    assert.match(unit, /^ExecStart=\/usr\/bin\/dotnet \/opt\/web-dev-sync\/WebDevSync\.Server\.dll$/m);
    assert.match(unit, /^RestartPreventExitStatus=2$/m, 'a configuration error (exit 2) is not restarted in a loop');
    run('systemd-analyze', ['verify', UNIT]);
  });
});

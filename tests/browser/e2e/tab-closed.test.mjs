// End to end: the tab closes for good while vim has its text. The demo page in
// Chromium, the real relay (a short grace period) and the real agent in tmux with
// real vim: once the relay ends the gone tab's session, vim says so in its own
// window, and its :wq lands in the kept file under the agent's state directory.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { launchChromium, newRecordingPage, openDemo } from './support/browser.mjs';
import { AGENT_DLL, ensureBuilt, startServer, stopAll } from './support/processes.mjs';

const USER = 'kim-kept';
const SOCKET = `wds-e2e-kept-${process.pid}`; // a tmux server of our own
const VIM = 'vim -u NONE -N -n -i NONE --cmd "set ttimeout ttimeoutlen=20" {file}';

const tmux = (...args) => spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const screen = (target) => tmux('capture-pane', '-p', '-t', target).stdout ?? '';

async function until(condition, what, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(50);
  }
}

describe('a tab closed for good', () => {
  let server;
  let browser;
  const dir = mkdtempSync(join(tmpdir(), 'wds-kept-'));

  before(async () => {
    ensureBuilt();
    [server, browser] = await Promise.all([startServer({ args: ['--grace-period', '500'] }), launchChromium()]);
  });

  after(async () => {
    tmux('kill-server');
    await browser?.close();
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('vim is told in its window and its :wq lands in the kept file', async () => {
    const started = tmux('new-session', '-d', '-s', 'agent', '-x', '160', '-y', '30',
      'dotnet', AGENT_DLL, '--headless', '--url', server.wsUrl, '--user', USER, '--editor', VIM,
      '--temp-dir', join(dir, 'tmp'), '--state-dir', join(dir, 'state'));
    assert.equal(started.status, 0, started.stderr);
    await until(() => /^connected$/m.test(screen('agent:0')), 'the agent to connect');

    const page = await newRecordingPage(browser);
    await openDemo(page, server.baseUrl, USER);
    await page.waitForSelector('#agent-state[data-connected="true"]');
    await page.click('[data-textarea-id="code-md"]');
    const file = await until(() => {
      const sub = existsSync(join(dir, 'tmp')) ? readdirSync(join(dir, 'tmp')) : [];
      const files = sub.flatMap((d) => readdirSync(join(dir, 'tmp', d)).filter((f) => f.endsWith('.md')).map((f) => join(dir, 'tmp', d, f)));
      return files[0];
    }, 'the file vim edits');
    const firstLine = readFileSync(file, 'utf8').split('\n')[0];
    await until(() => screen('agent:1').startsWith(firstLine), 'vim to show the file');

    // Typing in vim reaches the page unsaved: the live link is up.
    tmux('send-keys', '-t', 'agent:1', '-l', 'Otyped in vim');
    tmux('send-keys', '-t', 'agent:1', 'Escape');
    await page.waitForFunction(() => document.getElementById('code-md').value.startsWith('typed in vim\n'));

    await page.close(); // for good: the relay ends its session after the grace period
    await until(() => screen('agent:1').includes('WebDevSync: the page is gone (browser_gone)'), 'the notice in vim');
    const kept = join(dir, 'state', 'kept', file.split('/').at(-1));

    tmux('send-keys', '-t', 'agent:1', '-l', 'otyped after the tab closed');
    tmux('send-keys', '-t', 'agent:1', 'Escape');
    tmux('send-keys', '-t', 'agent:1', '-l', ':wq');
    tmux('send-keys', '-t', 'agent:1', 'Enter');
    await until(() => existsSync(kept) && readFileSync(kept, 'utf8').startsWith('typed in vim\ntyped after the tab closed\n'), 'the :wq in the kept file');
    await until(() => /^session_ended \S+ its text is kept in /m.test(screen('agent:0')), 'the agent to end the session');
  });
});

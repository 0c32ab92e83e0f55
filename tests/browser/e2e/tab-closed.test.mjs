// End to end: the tab closes for good, or reloads, while vim has its text. The demo
// page in Chromium, the real relay (the default 5-minute grace period) and the real
// agent in tmux with real vim. A closed page says it is leaving (browser_leaving), so
// the relay ends its session within leaveGracePeriod: vim says so in its own window at
// once, and its :wq lands in the kept file. A reload says the same but comes back with
// its sessionStorage id in time: the session and the same vim window go on, live.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { launchChromium, newRecordingPage, openDemo } from './support/browser.mjs';
import { AGENT_DLL, ensureBuilt, startServer, stopAll } from './support/processes.mjs';

const SOCKET = `wds-e2e-kept-${process.pid}`; // a tmux server of our own
const VIM = 'vim -u NONE -N -n -i NONE --cmd "set ttimeout ttimeoutlen=20" {file}';
// Far longer than any wait below: an ending within it comes from browser_leaving, not from the grace period.
const GRACE_MS = 300000;
// A reload under a loaded CPU may take longer than the default 5 s to connect again.
const LEAVE_GRACE_MS = 10000;

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

describe('a tab closed for good, or reloaded', () => {
  let server;
  let browser;
  const dir = mkdtempSync(join(tmpdir(), 'wds-kept-'));

  before(async () => {
    ensureBuilt();
    [server, browser] = await Promise.all([
      startServer({ args: ['--grace-period', String(GRACE_MS), '--leave-grace-period', String(LEAVE_GRACE_MS)] }),
      launchChromium(),
    ]);
  });

  after(async () => {
    tmux('kill-server');
    await browser?.close();
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The agent in tmux session `name` (window 0; vim opens in window 1), the demo page connected, vim live on code-md. */
  async function editInVim(name, user) {
    const home = join(dir, name);
    const started = tmux('new-session', '-d', '-s', name, '-x', '160', '-y', '30',
      'dotnet', AGENT_DLL, '--headless', '--url', server.wsUrl, '--user', user, '--editor', VIM,
      '--temp-dir', join(home, 'tmp'), '--state-dir', join(home, 'state'));
    assert.equal(started.status, 0, started.stderr);
    await until(() => /^connected$/m.test(screen(`${name}:0`)), 'the agent to connect');

    const page = await newRecordingPage(browser);
    await openDemo(page, server.baseUrl, user);
    await page.waitForSelector('#agent-state[data-connected="true"]');
    await page.click('[data-textarea-id="code-md"]');
    const file = await until(() => {
      const tmp = join(home, 'tmp');
      const sub = existsSync(tmp) ? readdirSync(tmp) : [];
      return sub.flatMap((d) => readdirSync(join(tmp, d)).filter((f) => f.endsWith('.md')).map((f) => join(tmp, d, f)))[0];
    }, 'the file vim edits');
    const firstLine = readFileSync(file, 'utf8').split('\n')[0];
    await until(() => screen(`${name}:1`).startsWith(firstLine), 'vim to show the file');

    // Typing in vim reaches the page unsaved: the live link is up.
    tmux('send-keys', '-t', `${name}:1`, '-l', 'Otyped in vim');
    tmux('send-keys', '-t', `${name}:1`, 'Escape');
    await page.waitForFunction(() => document.getElementById('code-md').value.startsWith('typed in vim\n'));
    return { page, file, home };
  }

  it('closing the page: vim is told at once (not after the grace period) and its :wq lands in the kept file', async () => {
    const { page, file, home } = await editInVim('closed', 'kim-closed');
    const closedAt = Date.now();
    await page.close({ runBeforeUnload: false }); // for good: pagehide, browser_leaving, no reload follows
    await until(() => screen('closed:1').includes('WebDevSync: the page is gone (browser_gone)'), 'the notice in vim', 60000);
    assert.ok(Date.now() - closedAt < GRACE_MS / 2, 'told well within the grace period');
    const kept = join(home, 'state', 'kept', file.split('/').at(-1));

    tmux('send-keys', '-t', 'closed:1', '-l', 'otyped after the tab closed');
    tmux('send-keys', '-t', 'closed:1', 'Escape');
    tmux('send-keys', '-t', 'closed:1', '-l', ':wq');
    tmux('send-keys', '-t', 'closed:1', 'Enter');
    await until(() => existsSync(kept) && readFileSync(kept, 'utf8').startsWith('typed in vim\ntyped after the tab closed\n'), 'the :wq in the kept file');
    await until(() => /^session_ended \S+ its text is kept in /m.test(screen('closed:0')), 'the agent to end the session');
  });

  it('reloading the page: the session and the same vim window go on, live, and vim is told nothing', async () => {
    const { page } = await editInVim('reloaded', 'rex-reloaded');
    const connectionId = await page.evaluate(() => window.webDevSyncDemo.connectionId);
    await page.reload(); // pagehide and browser_leaving too; the demo connects again with the stored id
    await page.waitForSelector('#connection-state[data-state="connected"]');
    assert.equal(await page.evaluate(() => window.webDevSyncDemo.connectionId), connectionId, 'the same client after the reload');
    await page.waitForFunction(() => document.getElementById('code-md').value.startsWith('typed in vim\n')); // resumed: the newest text

    // Past the leave grace period the session still stands: typing in the same vim window reaches the page.
    await sleep(LEAVE_GRACE_MS + 2000); // the thing under test is that nothing happens in this time
    tmux('send-keys', '-t', 'reloaded:1', '-l', 'Otyped after the reload');
    tmux('send-keys', '-t', 'reloaded:1', 'Escape');
    await page.waitForFunction(() => document.getElementById('code-md').value.startsWith('typed after the reload\ntyped in vim\n'));
    assert.ok(!screen('reloaded:1').includes('WebDevSync:'), 'no notice in vim');
    assert.equal(tmux('list-windows', '-t', 'reloaded', '-F', '#I').stdout.trim().split('\n').length, 2, 'the agent and the one vim window');
    assert.deepEqual(page.problems.filter((p) => p.startsWith('pageerror')), []);
  });
});

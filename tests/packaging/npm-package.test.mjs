// The browser library as the npm package web-dev-sync, used the way an application would: `npm run
// build`, `npm pack`, the tarball installed into a scratch application, imported (ES module and the
// classic script through the package's exports), type-checked, bundled with esbuild, and run in
// Chromium on the application's own origin against the real relay and the real agent, which opens the
// snippet in a (scripted) editor whose save comes back into the textarea.

import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { launchChromium, newRecordingPage, waitForValue } from '../browser/e2e/support/browser.mjs';
import { save, waitForOpened } from '../browser/e2e/support/editor-control.mjs';
import { ensureBuilt, startAgent, startServer, stopAll } from '../browser/e2e/support/processes.mjs';
import { REPO, run, scratch, VERSION } from './support.mjs';

const LIBRARY = join(REPO, 'transport/WebDevSync.Browser');
const USER = 'npm-package-user';

const APP_SOURCE = `
import WebDevSync, { attach, WebDevSyncError } from 'web-dev-sync';
const relay = new URLSearchParams(location.search).get('relay');
const sync = new WebDevSync('${USER}', false, { url: relay });
attach(document, sync);
window.appReady = { isClass: typeof WebDevSync === 'function', errorClass: typeof WebDevSyncError === 'function' };
window.connected = sync.connect().then(() => true);
`;

const TYPED_SOURCE = `
import WebDevSync, { type ConnectionState } from 'web-dev-sync';
const sync: WebDevSync = new WebDevSync('typed', false, { url: 'ws://127.0.0.1:1/web-dev-sync/ws' });
const state: ConnectionState = sync.state;
const connected: Promise<void> = sync.connect();
export { state, connected };
`;

const PAGE = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>scratch app</title>
<textarea id="snippet">console.log('from the npm package');</textarea>
<button class="external-editor-btn" data-textarea-id="snippet" data-file-type="js">Edit in my editor</button>
<script type="module" src="app.js"></script>`;

const CLASSIC_PAGE = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>classic</title>
<script src="web-dev-sync.iife.js"></script>
<script>
  const sync = new WebDevSync('${USER}-classic', false, { url: new URLSearchParams(location.search).get('relay') });
  window.connected = sync.connect().then(() => true);
</script>`;

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.map': 'application/json' };

/** The application's own web server (another origin than the relay's). */
function serve(root) {
  const server = createServer((request, response) => {
    const name = new URL(request.url, 'http://x').pathname.slice(1) || 'index.html';
    try {
      const body = readFileSync(join(root, name.replaceAll('..', '')));
      response.writeHead(200, { 'content-type': TYPES[extname(name)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('the npm package web-dev-sync', () => {
  const destination = scratch('npm-pack');
  const app = scratch('npm-app');
  const publicDir = join(app, 'public');
  let tarball;
  let packed;
  let web;
  let relay;
  let browser;

  before(async () => {
    ensureBuilt();
    web = await serve(publicDir);
    const origin = `http://127.0.0.1:${web.address().port}`;
    [relay, browser] = await Promise.all([startServer({ args: ['--cors-origins', origin] }), launchChromium()]);
  });

  after(async () => {
    await browser?.close();
    web?.close();
    await stopAll();
  });

  it('has the project version and is built with npm run build', () => {
    assert.equal(JSON.parse(readFileSync(join(LIBRARY, 'package.json'), 'utf8')).version, VERSION);
    run('npm', ['run', 'build', '--silent'], { cwd: LIBRARY });
  });

  it('npm pack makes a tarball of the built files, the declarations and the README', () => {
    [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], { cwd: LIBRARY }));
    assert.equal(packed.name, 'web-dev-sync');
    assert.equal(packed.version, VERSION);
    const files = packed.files.map((f) => f.path).sort();
    for (const file of ['README.md', 'package.json', 'dist/web-dev-sync.js', 'dist/web-dev-sync.min.js', 'dist/web-dev-sync.iife.js',
      'dist/web-dev-sync.iife.min.js', 'dist/web-dev-sync.d.ts', 'dist/grpc-web-client.js']) assert.ok(files.includes(file), `${file} is packed`);
    assert.equal(files.some((f) => f.startsWith('src/') || f.endsWith('.mjs')), false, `only the built files are packed: ${files}`);
    tarball = join(destination, packed.filename);
  });

  it('installs from the tarball into an application and imports as an ES module', () => {
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'scratch-app', private: true, type: 'module' }));
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball], { cwd: app });
    const probe = "import WebDevSync, { attach, WebDevSyncError, registerTransport } from 'web-dev-sync';" +
      "console.log(JSON.stringify([typeof WebDevSync, typeof attach, typeof WebDevSyncError, typeof registerTransport, WebDevSync.attach === attach]));";
    assert.deepEqual(JSON.parse(run(process.execPath, ['--input-type=module', '-e', probe], { cwd: app })), ['function', 'function', 'function', 'function', true]);
  });

  it('resolves its exports: the module, the classic script and the declarations', () => {
    const resolve = (specifier) => fileURLToPath(run(process.execPath, ['--input-type=module', '-e', `console.log(import.meta.resolve('${specifier}'))`], { cwd: app }).trim());
    const installed = join(app, 'node_modules/web-dev-sync');
    assert.equal(resolve('web-dev-sync'), join(installed, 'dist/web-dev-sync.js'));
    assert.equal(resolve('web-dev-sync/classic'), join(installed, 'dist/web-dev-sync.iife.js'));
    assert.equal(JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).types, './dist/web-dev-sync.d.ts');
  });

  it('type-checks an application against its declarations', () => {
    writeFileSync(join(app, 'typed.ts'), TYPED_SOURCE);
    const tsc = join(REPO, 'node_modules/typescript/bin/tsc');
    run(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'esnext', '--moduleResolution', 'bundler', '--target', 'es2022', '--lib', 'es2022,dom', 'typed.ts'], { cwd: app });
  });

  it('the relay serves the same files under /web-dev-sync/lib/ as the package holds', async () => {
    for (const file of ['web-dev-sync.js', 'web-dev-sync.iife.js', 'web-dev-sync.d.ts']) {
      const served = await (await fetch(`${relay.baseUrl}lib/${file}`)).text();
      assert.equal(served, readFileSync(join(app, 'node_modules/web-dev-sync/dist', file), 'utf8'), `${file} differs`);
    }
  });

  it('bundles with esbuild and round-trips an edit in Chromium against the real relay and agent', async () => {
    mkdirSync(publicDir, { recursive: true });
    writeFileSync(join(app, 'app.js'), APP_SOURCE);
    writeFileSync(join(publicDir, 'index.html'), PAGE);
    await esbuild.build({ absWorkingDir: app, entryPoints: ['app.js'], bundle: true, format: 'esm', outfile: join(publicDir, 'app.js'), logLevel: 'error' });
    assert.equal(readFileSync(join(publicDir, 'app.js'), 'utf8').includes("from 'web-dev-sync'"), false, 'the import was bundled');

    const agent = await startAgent({ wsUrl: relay.wsUrl, user: USER });
    const page = await newRecordingPage(browser);
    await page.goto(`http://127.0.0.1:${web.address().port}/index.html?relay=${encodeURIComponent(relay.wsUrl)}`);
    assert.equal(await page.evaluate(() => window.connected), true);
    assert.deepEqual(await page.evaluate(() => window.appReady), { isClass: true, errorClass: true });
    await page.waitForSelector('.external-editor-btn:not([disabled])');
    await page.click('.external-editor-btn');
    const [file] = await waitForOpened(agent.controlDir);
    assert.equal(readFileSync(file, 'utf8'), "console.log('from the npm package');");
    save(agent.controlDir, file, 1, '// saved in the editor\n');
    await waitForValue(page, 'snippet', '// saved in the editor\n');
    assert.deepEqual(page.problems, []);
  });

  it('runs the classic script from the package in Chromium', async () => {
    copyFileSync(join(app, 'node_modules/web-dev-sync/dist/web-dev-sync.iife.js'), join(publicDir, 'web-dev-sync.iife.js'));
    writeFileSync(join(publicDir, 'classic.html'), CLASSIC_PAGE);
    const page = await newRecordingPage(browser);
    await page.goto(`http://127.0.0.1:${web.address().port}/classic.html?relay=${encodeURIComponent(relay.wsUrl)}`);
    assert.equal(await page.evaluate(() => window.connected), true);
    assert.equal(await page.evaluate(() => typeof window.WebDevSync.attach), 'function');
    assert.deepEqual(page.problems, []);
  });
});

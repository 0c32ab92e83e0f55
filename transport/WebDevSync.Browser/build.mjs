#!/usr/bin/env node
/**
 * Builds the browser library into ../WebDevSync.Server/wwwroot/lib/ (gitignored), which the
 * server serves at /web-dev-sync/lib/:
 *
 *   web-dev-sync.js          ES module            (+ .map)
 *   web-dev-sync.min.js      ES module, minified  (+ .map)
 *   web-dev-sync.iife.js     classic script, sets window.WebDevSync (+ .map)
 *   web-dev-sync.iife.min.js classic script, minified (+ .map)
 *   web-dev-sync.d.ts        TypeScript declarations
 *
 *   grpc-web-client.js       the gRPC-Web transport's client (Connect, protobuf, generated
 *                            code; minified, + .map), which all four import() only when a page
 *                            picks transport 'grpc-web', so pages on WebSocket never load it
 *
 *   demo-editors.js (+ .css, demo-editors.worker.js)
 *                            the demo page's CodeMirror 6 and Monaco (demo/demo-editors.js), bundled
 *                            as their docs show; the library does not need them
 *
 * /web-dev-sync/web-dev-sync.js (committed, in wwwroot/) re-exports lib/web-dev-sync.js.
 * The same bundles are built into dist/ here (gitignored), the npm package web-dev-sync
 * (package.json here; `npm run build`, `npm pack`), so a bundled app and the relay serve one build.
 * First the gRPC-Web transport's protobuf code is generated into gen/ here (codegen.mjs).
 *
 * Usage: node transport/WebDevSync.Browser/build.mjs   (esbuild from the repo's node_modules)
 */

import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { generate } from './codegen.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, '..', 'WebDevSync.Server', 'wwwroot', 'lib');
const dist = join(here, 'dist');
const repo = join(here, '..', '..');
const banner = '/*! WebDevSync browser library. Generated from transport/WebDevSync.Browser/src by build.mjs; do not edit. */';

// es2022: private class fields and optional chaining stay native (every current browser).
const common = { bundle: true, target: 'es2022', sourcemap: true, legalComments: 'inline', banner: { js: banner }, logLevel: 'warning' };

// src/transports/grpc-web.js loads its client with import('./grpc-web-client.js'). The bundles
// keep that import as it is (relative to themselves: a module's URL, and a classic script's too),
// and the client is built once, next to them, as its own ES module.
const CLIENT = 'grpc-web-client.js';
const lazyClient = {
  name: 'lazy-grpc-web-client',
  setup(build) {
    build.onResolve({ filter: /\/grpc-web-client\.js$/ }, (args) => (args.kind === 'dynamic-import' ? { path: `./${CLIENT}`, external: true } : undefined));
  },
};

const library = { plugins: [lazyClient] };
const buildsInto = (dir) => [
  { ...library, entryPoints: [join(here, 'src', 'index.js')], format: 'esm', outfile: join(dir, 'web-dev-sync.js') },
  { ...library, entryPoints: [join(here, 'src', 'index.js')], format: 'esm', outfile: join(dir, 'web-dev-sync.min.js'), minify: true },
  { ...library, entryPoints: [join(here, 'src', 'global.js')], format: 'iife', outfile: join(dir, 'web-dev-sync.iife.js') },
  { ...library, entryPoints: [join(here, 'src', 'global.js')], format: 'iife', outfile: join(dir, 'web-dev-sync.iife.min.js'), minify: true },
  { entryPoints: [join(here, 'src', 'transports', CLIENT)], format: 'esm', outfile: join(dir, CLIENT), minify: true },
];
// Built once per folder rather than copied, so each source map's relative paths lead back to src/ from where it lies.
const builds = [...buildsInto(outdir), ...buildsInto(dist)];

// The demo's editors: minified, no source maps (~4 MB of Monaco otherwise), fonts inlined into the CSS.
const demo = { bundle: true, format: 'esm', target: 'es2022', minify: true, logLevel: 'warning', loader: { '.ttf': 'dataurl' } };
const demoBuilds = [
  { ...demo, entryPoints: [join(here, 'demo', 'demo-editors.js')], outfile: join(outdir, 'demo-editors.js') },
  { ...demo, entryPoints: [join(repo, 'node_modules', 'monaco-editor', 'esm', 'vs', 'editor', 'editor.worker.js')], outfile: join(outdir, 'demo-editors.worker.js') },
];

generate();
await rm(join(outdir, 'chunks'), { recursive: true, force: true }); // of earlier builds, which split the ES modules
await rm(dist, { recursive: true, force: true });
await Promise.all([outdir, dist].map((dir) => mkdir(dir, { recursive: true })));
/** The demo bundle takes seconds (Monaco): rebuilt only when its entry or the installed packages changed. */
async function demoIsCurrent() {
  const mtime = async (path) => (await stat(path).catch(() => null))?.mtimeMs ?? null;
  const built = Math.min(...(await Promise.all(demoBuilds.map((b) => mtime(b.outfile)))).map((t) => t ?? -1));
  const inputs = await Promise.all([join(here, 'demo', 'demo-editors.js'), join(repo, 'package-lock.json')].map(mtime));
  return built > 0 && inputs.every((t) => t !== null && t < built);
}

const demoCurrent = await demoIsCurrent();
await Promise.all([
  ...builds.map((build) => esbuild.build({ ...common, ...build })),
  ...(demoCurrent ? [] : demoBuilds.map((build) => esbuild.build(build))),
]);
// The demo page's editors stay out of the package (only outdir gets them): a page that uses the library brings its own.
await Promise.all([outdir, dist].map((dir) => copyFile(join(here, 'web-dev-sync.d.ts'), join(dir, 'web-dev-sync.d.ts'))));
console.log(`WebDevSync browser library built into ${outdir} and ${dist}`);

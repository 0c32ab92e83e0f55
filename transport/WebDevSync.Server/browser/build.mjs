#!/usr/bin/env node
/**
 * Builds the browser library into ../wwwroot/lib/ (gitignored), which the
 * server serves at /web-dev-sync/lib/:
 *
 *   web-dev-sync.js          ES module            (+ .map)
 *   web-dev-sync.min.js      ES module, minified  (+ .map)
 *   web-dev-sync.iife.js     classic script, sets window.WebDevSync (+ .map)
 *   web-dev-sync.iife.min.js classic script, minified (+ .map)
 *   web-dev-sync.d.ts        TypeScript declarations
 *
 * /web-dev-sync/web-dev-sync.js (committed, in wwwroot/) re-exports lib/web-dev-sync.js.
 *
 * Usage: node transport/WebDevSync.Server/browser/build.mjs   (esbuild from the repo's node_modules)
 */

import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, '..', 'wwwroot', 'lib');
const banner = '/*! WebDevSync browser library. Generated from transport/WebDevSync.Server/browser/src by build.mjs; do not edit. */';

// es2022: private class fields and optional chaining stay native (every current browser).
const common = { bundle: true, target: 'es2022', sourcemap: true, legalComments: 'inline', banner: { js: banner }, logLevel: 'warning' };

const builds = [
  { entryPoints: [join(here, 'src', 'index.js')], format: 'esm', outfile: join(outdir, 'web-dev-sync.js') },
  { entryPoints: [join(here, 'src', 'index.js')], format: 'esm', outfile: join(outdir, 'web-dev-sync.min.js'), minify: true },
  { entryPoints: [join(here, 'src', 'global.js')], format: 'iife', outfile: join(outdir, 'web-dev-sync.iife.js') },
  { entryPoints: [join(here, 'src', 'global.js')], format: 'iife', outfile: join(outdir, 'web-dev-sync.iife.min.js'), minify: true },
];

await mkdir(outdir, { recursive: true });
await Promise.all(builds.map((build) => esbuild.build({ ...common, ...build })));
await copyFile(join(here, 'web-dev-sync.d.ts'), join(outdir, 'web-dev-sync.d.ts'));
console.log(`WebDevSync browser library built into ${outdir}`);

// The WebDevSync ES module at its public address, /web-dev-sync/web-dev-sync.js.
// The code itself is built into lib/ by transport/WebDevSync.Browser/build.mjs.
export * from './lib/web-dev-sync.js';
export { default } from './lib/web-dev-sync.js';

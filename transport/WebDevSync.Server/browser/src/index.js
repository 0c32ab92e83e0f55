/**
 * ES module entry, served as /web-dev-sync/web-dev-sync.js:
 *
 *   import WebDevSync from '/web-dev-sync/web-dev-sync.js';
 *
 * The class carries its helpers as statics (WebDevSync.attach,
 * WebDevSync.WebDevSyncError, WebDevSync.registerTransport) so the classic
 * script build, which exposes only window.WebDevSync, offers the same API.
 */

import { attach } from './attach.js';
import { WebDevSyncError } from './errors.js';
import { registerTransport } from './transports/registry.js';
import { WebDevSync } from './web-dev-sync.js';

WebDevSync.attach = attach;
WebDevSync.WebDevSyncError = WebDevSyncError;
WebDevSync.registerTransport = registerTransport;

export { WebDevSync, WebDevSyncError, attach, registerTransport };
export default WebDevSync;

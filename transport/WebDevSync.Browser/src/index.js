/**
 * ES module entry, served as /web-dev-sync/web-dev-sync.js:
 *
 *   import WebDevSync from '/web-dev-sync/web-dev-sync.js';
 *
 * The class carries its helpers as statics (WebDevSync.attach,
 * WebDevSync.WebDevSyncError, WebDevSync.registerTransport, WebDevSync.registerEditor,
 * WebDevSync.findEditor) so the classic
 * script build, which exposes only window.WebDevSync, offers the same API.
 */

import { attach } from './attach.js';
import { findEditor } from './editors/detect.js';
import { registerEditor } from './editors/registry.js';
import { WebDevSyncError } from './errors.js';
import { registerTransport } from './transports/registry.js';
import { WebDevSync } from './web-dev-sync.js';

WebDevSync.attach = attach;
WebDevSync.WebDevSyncError = WebDevSyncError;
WebDevSync.registerTransport = registerTransport;
WebDevSync.registerEditor = registerEditor;
WebDevSync.findEditor = findEditor;

export { WebDevSync, WebDevSyncError, attach, findEditor, registerEditor, registerTransport };
export default WebDevSync;

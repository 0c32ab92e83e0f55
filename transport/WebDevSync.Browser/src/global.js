/**
 * Classic-script entry (built as an IIFE, served as
 * /web-dev-sync/lib/web-dev-sync.iife.js) for pages without modules or a bundler:
 *
 *   <script src="/web-dev-sync/lib/web-dev-sync.iife.js"></script>
 *   <script> const sync = new WebDevSync('alice'); </script>
 */

import WebDevSync from './index.js';

globalThis.WebDevSync = WebDevSync;

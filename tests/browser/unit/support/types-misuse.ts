// Must NOT type-check: types.test.mjs expects one error per marked line.
import WebDevSync from '../../../../transport/WebDevSync.Browser/web-dev-sync';

const sync = new WebDevSync('alice');
sync.editCodeSnippet(42, 'code'); // error: id is a string
sync.statusChange((connected: string) => connected); // error: connected is a boolean
new WebDevSync('alice', false, { timing: { pingEveryMs: 1 } }); // error: unknown timing key
const state: 'open' = sync.state; // error: not a ConnectionState
sync.connectionId = 'mine'; // error: read-only
void state;
WebDevSync.attach(document, sync, { lve: false }); // error: unknown attach option
WebDevSync.registerEditor(document.body, { getText: () => 'x' }); // error: setText is required
sync.editCodeSnippet('a', 'b', 'js', { selection: { start: 1 } }); // error: selection needs end

#!/usr/bin/env node
// A scripted "editor" for end-to-end tests, started by the real agent as
//   node scripted-editor.mjs {file} CONTROL_DIR
// It announces the file it was given, then saves it twice, each time only when
// the test asks (so no test depends on timing), and exits when told to:
//   CONTROL_DIR/opened.log   one line per start: the file path (written by us)
//   CONTROL_DIR/<name>.save1 / .save2   written by the test: content of save 1 / 2
//   CONTROL_DIR/<name>.exit  written by the test: quit (the agent reports editor_exited);
//                            a removed CONTROL_DIR also makes it quit
// <name> is the edited file's base name. The file is written in place, as most editors do.

import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const [file, controlDir] = process.argv.slice(2);
if (!file || !controlDir) {
  console.error('usage: scripted-editor.mjs FILE CONTROL_DIR');
  process.exit(2);
}
const name = basename(file);
const control = (suffix) => join(controlDir, `${name}.${suffix}`);

appendFileSync(join(controlDir, 'opened.log'), `${file}\n`);

async function waitFor(path) {
  while (!existsSync(path)) {
    if (!existsSync(controlDir)) process.exit(0); // the test is over and cleaned up
    await sleep(50);
  }
  return readFileSync(path, 'utf8');
}

// Give up after ten minutes so a broken test never leaves us behind.
setTimeout(() => process.exit(3), 10 * 60 * 1000).unref();

for (const step of ['save1', 'save2']) {
  const content = await Promise.race([waitFor(control(step)), waitFor(control('exit')).then(() => null)]);
  if (content === null) process.exit(0);
  writeFileSync(file, content);
}
await waitFor(control('exit'));
process.exit(0);

// The test's side of scripted-editor.mjs: which files the agent opened, and
// "please save this now".

import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Every file path the agent's editor was started on, in order. */
export function openedFiles(controlDir) {
  const log = join(controlDir, 'opened.log');
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
}

/** Waits until the editor was started `count` times; returns the paths. */
export async function waitForOpened(controlDir, count = 1, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const files = openedFiles(controlDir);
    if (files.length >= count) return files;
    if (Date.now() > deadline) throw new Error(`the editor was started ${files.length} times, expected ${count}, within ${timeout} ms`);
    await sleep(50);
  }
}

/** Makes the editor on `file` perform its save number `step` (1 or 2) with `content`. */
export function save(controlDir, file, step, content) {
  command(join(controlDir, `${basename(file)}.save${step}`), content);
}

/** Makes the editor on `file` quit. */
export function quitEditor(controlDir, file) {
  command(join(controlDir, `${basename(file)}.exit`), '');
}

// Written aside and renamed into place: the editor polls for the name and must
// never see the file before its content.
function command(path, content) {
  writeFileSync(`${path}.tmp`, content);
  renameSync(`${path}.tmp`, path);
}

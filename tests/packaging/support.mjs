// Shared by the packaging tests: commands run to completion, scratch folders, the project's version.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../browser/e2e/support/processes.mjs';

export { REPO };

/** The project's one version, from Directory.Build.props. */
export const VERSION = readFileSync(join(REPO, 'Directory.Build.props'), 'utf8').match(/<Version>([^<]+)<\/Version>/)[1];

/** Runs a command to its end and returns its stdout; a failure throws with both outputs. */
export function run(command, args, { cwd = REPO, env = {} } = {}) {
  try {
    return execFileSync(command, args, {
      cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1', npm_config_update_notifier: 'false', ...env },
    });
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed (${error.status}):\n${error.stdout}\n${error.stderr}`);
  }
}

/** A scratch folder removed when the test file ends. */
export function scratch(name) {
  const dir = mkdtempSync(join(tmpdir(), `wds-${name}-`));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

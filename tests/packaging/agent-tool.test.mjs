// The agent as a .NET tool, as the README tells a team to install it: `dotnet pack` makes the package
// WebDevSync.Agent, `dotnet tool install` from that folder gives the command webdevsync-agent, which
// answers --version; a newer package updates it, and uninstall removes it. Installed into a scratch
// --tool-path so the machine's global tools are left alone.

import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { run, scratch, VERSION } from './support.mjs';

const PROJECT = 'agent-tui/WebDevSync.Agent';

describe('the agent as a .NET tool', () => {
  const feed = scratch('feed');
  const tools = scratch('tools');
  const command = join(tools, 'webdevsync-agent');
  const pack = (version) => run('dotnet', ['pack', PROJECT, '-c', 'Release', '-o', feed, '-nologo', '-v', 'q', ...(version ? [`-p:Version=${version}`] : [])]);
  const tool = (verb) => run('dotnet', ['tool', verb, 'WebDevSync.Agent', '--tool-path', tools, ...(verb === 'uninstall' ? [] : ['--add-source', feed])]);

  it('dotnet pack makes WebDevSync.Agent.<version>.nupkg', () => {
    pack();
    assert.deepEqual(readdirSync(feed), [`WebDevSync.Agent.${VERSION}.nupkg`]);
  });

  it('dotnet tool install gives webdevsync-agent, which answers --version with the project version', () => {
    tool('install');
    assert.ok(existsSync(command), `${command} was not installed`);
    assert.match(run(command, ['--version']).trim(), new RegExp(`^${VERSION.replaceAll('.', '\\.')}\\b`));
  });

  it('dotnet tool update takes a newer package from the folder', () => {
    const [major, minor, patch] = VERSION.split('.').map(Number);
    const newer = `${major}.${minor}.${patch + 1}`;
    pack(newer);
    tool('update');
    assert.match(run(command, ['--version']).trim(), new RegExp(`^${newer.replaceAll('.', '\\.')}\\b`));
  });

  it('dotnet tool uninstall removes the command', () => {
    tool('uninstall');
    assert.equal(existsSync(command), false);
  });
});

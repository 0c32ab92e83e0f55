// The bench's Node load generator against the Node reference relay (both on loopback, free ports): the
// closed loop runs, both hops are timed from the stamps, and the relay's CPU is read from /proc.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const reference = join(here, '..', 'reference', 'server.mjs');

async function startReference() {
  const relay = spawn(process.execPath, [reference, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let seen = '';
  for await (const chunk of relay.stdout) {
    seen += chunk;
    const m = seen.match(/listening on http:\/\/127\.0\.0\.1:(\d+)\/web-dev-sync\//);
    if (m) return { relay, port: Number(m[1]) };
  }
  throw new Error('the reference relay exited before listening: ' + seen);
}

async function generate(args) {
  const gen = spawn(process.execPath, [join(here, 'load.mjs'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  gen.stdout.on('data', (d) => { out += d; });
  const [code] = await once(gen, 'exit');
  return { code, out };
}

test('two pairs do closed-loop round trips through the reference relay, each hop timed and none lost', async () => {
  const { relay, port } = await startReference();
  try {
    const { code, out } = await generate(['--url', `ws://127.0.0.1:${port}/web-dev-sync/ws`, '--pid', String(relay.pid),
      '--pairs', '2', '--payload', '256', '--warmup', '0.3', '--seconds', '1']);
    assert.equal(code, 0);
    const r = JSON.parse(out.trim().split('\n').at(-1));
    assert.equal(r.errors, 0);
    assert.ok(r.roundTrips > 10, `round trips: ${r.roundTrips}`);
    assert.equal(r.agentToBrowserUs.Count, r.roundTrips);
    // A request sent before the window opened may be answered inside it (and the other way round at its end).
    assert.ok(Math.abs(r.browserToAgentUs.Count - r.roundTrips) <= 2, `hops timed: ${r.browserToAgentUs.Count} for ${r.roundTrips} round trips`);
    assert.ok(r.browserToAgentUs.P50 > 0 && r.browserToAgentUs.P50 <= r.browserToAgentUs.P99);
    assert.ok(r.serverCpuSeconds >= 0 && r.wholeRun.serverCpuSeconds >= r.serverCpuSeconds);
    assert.ok(r.wholeRun.roundTrips >= r.roundTrips);
  } finally {
    relay.kill();
    await once(relay, 'exit');
  }
});

test('a relay that refuses the connection makes the generator fail rather than report figures', async () => {
  // A port that was free a moment ago and has no listener now.
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address();
  probe.close();
  await once(probe, 'close');
  const { code, out } = await generate(['--url', `ws://127.0.0.1:${port}/web-dev-sync/ws`, '--pid', String(process.pid), '--pairs', '1', '--warmup', '0', '--seconds', '0.1']);
  assert.notEqual(code, 0);
  assert.equal(out, '');
});

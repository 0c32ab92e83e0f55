// The benchmark's second load generator (issue 25): closed-loop tab/agent pairs over the JSON WebSocket
// protocol on npm's `ws` client, the same round trips as the C# generator (tests/bench/WebDevSync.Bench/Load),
// so that a relay is not judged only by its own project's client. One Node process, one event loop.
//
//   node tests/bench/node-load/load.mjs --url ws://127.0.0.1:PORT/web-dev-sync/ws --pid SERVER_PID \
//        [--pairs 10] [--payload 1024] [--warmup 6] [--seconds 5]
//
// Prints one JSON line: round trips, errors, both hops' percentiles (µs), the server's CPU seconds over the
// measured window (/proc/PID/stat, utime+stime), and this process's own CPU seconds over the same window; and, as
// `wholeRun`, the relay's CPU and the round trips from before the first connection to the window's end.
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : 'true']);
  return acc;
}, []));
const url = args.url ?? fail('--url is required');
const pid = Number(args.pid ?? fail('--pid is required'));
const pairs = Number(args.pairs ?? 10);
const payload = Number(args.payload ?? 1024);
const warmup = Number(args.warmup ?? 6);
const seconds = Number(args.seconds ?? 5);

function fail(message) { console.error(message); process.exit(2); }

const DIGITS = 19;
const MARKER = Buffer.from('@@');
// The monotonic clock in nanoseconds, as 19 digits: the same stamp the C# generator writes (Stopwatch ticks are ns on Linux).
const now = () => process.hrtime.bigint();
const templateCode = (size) => '@@' + '0'.repeat(DIGITS) + 'x'.repeat(Math.max(0, size - 2 - DIGITS));

function writeStamp(buf, at, value) {
  let v = value;
  for (let i = DIGITS - 1; i >= 0; i--) { buf[at + i] = 48 + Number(v % 10n); v /= 10n; }
}

function findStamp(buf) {
  const at = buf.indexOf(MARKER);
  if (at < 0 || at + 2 + DIGITS > buf.length) return -1n;
  let v = 0n;
  for (let i = at + 2; i < at + 2 + DIGITS; i++) {
    const b = buf[i];
    if (b < 48 || b > 57) return -1n;
    v = v * 10n + BigInt(b - 48);
  }
  return v;
}

const TYPE_KEY = Buffer.from('"type":"');
function kindOf(buf) {
  const at = buf.indexOf(TYPE_KEY);
  if (at < 0) return 'other';
  const rest = buf.subarray(at + TYPE_KEY.length, at + TYPE_KEY.length + 16).toString('latin1');
  if (rest.startsWith('edit_request"')) return 'edit_request';
  if (rest.startsWith('code_update"')) return 'code_update';
  if (rest.startsWith('connection_ack"')) return 'connection_ack';
  if (rest.startsWith('error"')) return 'error';
  return 'other';
}

const ids = (i) => ({ user: `u${i}`, browser: `b-u${i}`, agent: `d-u${i}`, session: `s-u${i}`, textarea: `t-u${i}` });

function relayed(role, id) {
  const body = role === 'browser'
    ? { type: 'edit_request', connectionId: id.browser, userId: id.user, sessionId: id.session, payload: { textareaId: id.textarea, code: templateCode(payload), fileType: 'js' } }
    : { type: 'code_update', connectionId: id.agent, userId: id.user, sessionId: id.session, payload: { textareaId: id.textarea, code: templateCode(payload) } };
  const buf = Buffer.from(JSON.stringify(body));
  return { buf, digits: buf.indexOf(Buffer.from('@@' + '0'.repeat(DIGITS))) + 2 };
}

const phase = { recording: false, stopping: false };
const toAgent = [];
const toBrowser = [];
let roundTrips = 0;
let allRoundTrips = 0; // warm-up included: for the whole-run figure, which counts the relay's start-up work too
let errors = 0;

function open(role, id) {
  return new Promise((resolve, reject) => {
    // perMessageDeflate off: neither relay negotiates it, and the C# client does not offer it.
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.once('error', reject);
    ws.once('open', () => {
      ws.send(JSON.stringify(role === 'browser'
        ? { type: 'browser_connect', connectionId: id.browser, userId: id.user }
        : { type: 'desktop_connect', connectionId: id.agent, userId: id.user }));
    });
    const onAck = (data) => {
      const kind = kindOf(data);
      if (kind === 'connection_ack') { ws.off('message', onAck); ws.off('error', reject); resolve(ws); }
      else if (kind === 'error') reject(new Error('connect refused: ' + data.toString()));
    };
    ws.on('message', onAck);
  });
}

class Pair {
  constructor(i) { this.id = ids(i); this.inFlight = false; }

  async connect() {
    this.agent = await open('agent', this.id);
    this.browser = await open('browser', this.id);
    this.request = relayed('browser', this.id);
    this.update = relayed('agent', this.id);
    this.agent.on('message', (data) => this.onAgent(data));
    this.browser.on('message', (data) => this.onBrowser(data));
    for (const ws of [this.agent, this.browser]) ws.on('close', () => { if (!phase.stopping) errors++; });
  }

  sendRequest() {
    writeStamp(this.request.buf, this.request.digits, now());
    this.inFlight = true;
    this.browser.send(this.request.buf, { binary: false });
  }

  onAgent(data) {
    const kind = kindOf(data);
    if (kind === 'error') { errors++; return; }
    if (kind !== 'edit_request') return;
    const t = now();
    const stamp = findStamp(data);
    if (stamp < 0n) errors++;
    else if (phase.recording) toAgent.push(Number((t - stamp) / 1000n));
    writeStamp(this.update.buf, this.update.digits, now());
    this.agent.send(this.update.buf, { binary: false });
  }

  onBrowser(data) {
    const kind = kindOf(data);
    if (kind === 'error') { errors++; this.next(); return; }
    if (kind !== 'code_update') return;
    const t = now();
    const stamp = findStamp(data);
    if (stamp < 0n) errors++;
    else if (phase.recording) { toBrowser.push(Number((t - stamp) / 1000n)); roundTrips++; }
    allRoundTrips++;
    this.next();
  }

  next() {
    this.inFlight = false;
    if (!phase.stopping) this.sendRequest();
    else if (this.onIdle) this.onIdle();
  }

  idle() { return this.inFlight ? new Promise((resolve) => { this.onIdle = resolve; }) : Promise.resolve(); }

  close() { for (const ws of [this.browser, this.agent]) ws?.terminate(); }
}

function cpuSeconds(p) {
  const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function percentiles(values) {
  const sorted = Float64Array.from(values).sort();
  const rank = (q) => sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return { Count: sorted.length, P50: rank(0.5), P90: rank(0.9), P99: rank(0.99), Max: sorted.length ? sorted[sorted.length - 1] : 0 };
}

const sleep = (s) => new Promise((resolve) => setTimeout(resolve, s * 1000));

// The relay's CPU from before the first connection: a whole-run figure (connects, warm-up, JIT) beside the window's.
const serverAtStart = cpuSeconds(pid);
const all = Array.from({ length: pairs }, (_, i) => new Pair(i));
// Connect in batches, as the C# generator does (32 at a time).
for (let i = 0; i < all.length; i += 32) await Promise.all(all.slice(i, i + 32).map((p) => p.connect()));
for (const p of all) p.sendRequest();
await sleep(warmup);
const serverBefore = cpuSeconds(pid);
const selfBefore = process.cpuUsage();
const started = now();
phase.recording = true;
await sleep(seconds);
phase.recording = false;
phase.stopping = true;
const elapsed = Number(now() - started) / 1e9;
const serverNow = cpuSeconds(pid);
const serverCpu = serverNow - serverBefore;
const self = process.cpuUsage(selfBefore);
const load = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
const hung = await Promise.race([Promise.all(all.map((p) => p.idle())).then(() => 0), sleep(15).then(() => all.filter((p) => p.inFlight).length)]);
for (const p of all) p.close();
console.log(JSON.stringify({
  seconds: elapsed, roundTrips, errors: errors + hung,
  browserToAgentUs: percentiles(toAgent), agentToBrowserUs: percentiles(toBrowser),
  serverCpuSeconds: serverCpu, wholeRun: { roundTrips: allRoundTrips, serverCpuSeconds: serverNow - serverAtStart },
  generatorCpuSeconds: (self.user + self.system) / 1e6, loadAverage: load,
}));
process.exit(0);

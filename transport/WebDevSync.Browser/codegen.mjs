/**
 * Generates the protobuf messages and service descriptor of proto/webdevsync/v1/webdevsync.proto
 * for the gRPC-Web transport into browser/gen/ (gitignored), with protoc and protoc-gen-es from the
 * repository's node_modules. build.mjs runs it before bundling, so a fresh checkout regenerates it.
 *
 * Usage: node transport/WebDevSync.Browser/codegen.mjs   (build.mjs does this for you)
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');

export const GEN_DIR = join(here, 'gen');
/** The generated module the transport imports. */
export const GENERATED_MODULE = join(GEN_DIR, 'webdevsync', 'v1', 'webdevsync_pb.js');

const PROTO_ROOT = join(repo, 'proto');
const PROTO_FILE = 'webdevsync/v1/webdevsync.proto';
const PLUGIN = join(repo, 'node_modules', '.bin', 'protoc-gen-es');

/** protoc from PROTOC, else PATH (Debian's protobuf-compiler: scripts/test and scripts/run install it). */
function protocCommand() {
  return process.env.PROTOC ?? 'protoc';
}

/** Runs protoc with protoc-gen-es (target=js); throws with protoc's output when it fails. */
export function generate() {
  if (!existsSync(PLUGIN)) throw new Error(`${PLUGIN} is missing: run npm ci at the repository root`);
  // Generated aside and swapped in, so a build running at the same time never sees half a folder
  // (and no stale file of a renamed proto survives).
  const staging = mkdtempSync(join(here, 'gen.staging-'));
  const args = [
    `--plugin=protoc-gen-es=${PLUGIN}`,
    `--es_out=${staging}`,
    '--es_opt=target=js',
    `-I${PROTO_ROOT}`,
    PROTO_FILE,
  ];
  try {
    const result = spawnSync(protocCommand(), args, { cwd: repo, encoding: 'utf8' });
    if (result.error) throw new Error(`cannot run protoc (apt-get install protobuf-compiler): ${result.error.message}`);
    if (result.status !== 0) throw new Error(`protoc failed:\n${result.stdout}${result.stderr}`);
    rmSync(GEN_DIR, { recursive: true, force: true });
    renameSync(staging, GEN_DIR);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  if (!existsSync(GENERATED_MODULE)) throw new Error(`protoc did not write ${GENERATED_MODULE}`);
  return GENERATED_MODULE;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(`generated ${generate()}`);
}

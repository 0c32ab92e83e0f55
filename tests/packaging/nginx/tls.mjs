// A throwaway certificate authority and a server certificate it signed for 127.0.0.1 and localhost,
// made with openssl for one test run: nginx presents the certificate, the clients trust the CA.

import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../support.mjs';

/**
 * Writes ca.crt, server.crt and server.key into `dir`.
 * @returns {{ caFile: string, certFile: string, keyFile: string, ca: string, spki: string }}
 *   spki: the server key's SHA-256 SPKI hash in base64, the form Chromium's
 *   --ignore-certificate-errors-spki-list takes.
 */
export function makeCertificates(dir) {
  const file = (name) => join(dir, name);
  const openssl = (...args) => run('openssl', args, { cwd: dir });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=WebDevSync test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    '-keyout', file('ca.key'), '-out', file('ca.crt'));
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', file('server.key'), '-out', file('server.csr'));
  writeFileSync(file('server.ext'), [
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ].join('\n'));
  openssl('x509', '-req', '-in', file('server.csr'), '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-CAcreateserial',
    '-days', '1', '-extfile', file('server.ext'), '-out', file('server.crt'));
  const server = new X509Certificate(readFileSync(file('server.crt')));
  const spki = createHash('sha256').update(server.publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
  return { caFile: file('ca.crt'), certFile: file('server.crt'), keyFile: file('server.key'), ca: readFileSync(file('ca.crt'), 'utf8'), spki };
}

/**
 * Preloaded with `node --import=<this file>` by test/security.test.ts: replaces every way Node
 * has to reach the network or start a process with a function that records the attempt (in the
 * file named by KUBE_LINT_TRAP_LOG) and throws. kube-lint must never call any of them.
 */
import { appendFileSync } from 'node:fs';
import process from 'node:process';
import childProcess from 'node:child_process';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';

const log = process.env.KUBE_LINT_TRAP_LOG;

function trap(name) {
  return function trapped() {
    if (log) appendFileSync(log, `${name}\n`);
    throw new Error(`kube-lint test trap: ${name} is not allowed`);
  };
}

function replace(target, prefix, names) {
  for (const name of names) {
    if (typeof target[name] === 'function') target[name] = trap(`${prefix}.${name}`);
  }
}

replace(net, 'net', ['connect', 'createConnection', 'createServer']);
replace(net.Socket.prototype, 'net.Socket.prototype', ['connect']);
replace(tls, 'tls', ['connect', 'createServer']);
replace(dns, 'dns', ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveTxt', 'reverse']);
replace(dns.promises, 'dns.promises', [
  'lookup',
  'lookupService',
  'resolve',
  'resolve4',
  'resolve6',
  'resolveAny',
  'resolveTxt',
  'reverse',
]);
replace(http, 'http', ['request', 'get', 'createServer']);
replace(https, 'https', ['request', 'get', 'createServer']);
replace(http2, 'http2', ['connect', 'createServer', 'createSecureServer']);
replace(dgram, 'dgram', ['createSocket']);
replace(childProcess, 'child_process', ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']);
if (typeof globalThis.fetch === 'function') globalThis.fetch = trap('fetch');
if (typeof globalThis.WebSocket === 'function') globalThis.WebSocket = trap('WebSocket');
// ES module imports of built-ins (`import { connect } from 'node:net'`) see the replacements too.
syncBuiltinESMExports();

// The playground's platform module (web/platform.ts) against the Node one it replaces in the browser
// bundle (src/util/platform.ts): the same answers on the same inputs, so a page's verdict is the CLI's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, deflateRawSync, constants } from 'node:zlib';
import fc from 'fast-check';
import * as node from '../src/util/platform.js';
import * as web from '../web/platform.js';
import { FIXTURES } from './helpers.js';

type Gunzipped = { ok: true; bytes: number[]; trailing: number } | { ok: false; tooLarge: boolean };

function gunzipWith(impl: typeof node | typeof web, bytes: Uint8Array, max: number): Gunzipped {
  try {
    const r = impl.gunzip(bytes, max);
    return { ok: true, bytes: [...r.bytes], trailing: r.trailing };
  } catch (e) {
    assert.ok(e instanceof impl.GunzipError, `${String(e)} is a GunzipError`);
    return { ok: false, tooLarge: e.tooLarge };
  }
}

test('web gzip is byte-identical to Node zlib at level 9', () => {
  const samples = [
    readFileSync(join(FIXTURES, '..', 'examples', 'userdata.toml')),
    readFileSync(join(FIXTURES, '..', 'README.md')),
    new Uint8Array(0),
    new Uint8Array(70000).fill(97),
  ];
  for (const s of samples) assert.deepEqual([...web.gzip(s).subarray(10)], [...node.gzip(s).subarray(10)]);
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 3000 }), fc.string({ maxLength: 2000 }), (bytes, text) => {
      for (const s of [bytes, new TextEncoder().encode(text.repeat(3))])
        assert.deepEqual([...web.gzip(s).subarray(10)], [...node.gzip(s).subarray(10)]);
    }),
    { numRuns: 30 },
  );
});

test('web gunzip agrees with Node: output, trailing bytes, truncation, corruption, the size cap', () => {
  const text = new TextEncoder().encode('[settings.kubernetes]\ncluster-name = "a"\n'.repeat(50));
  const gz = gzipSync(text);
  const cases: Array<[Uint8Array, number]> = [
    [gz, 1 << 20],
    [Buffer.concat([gz, Buffer.from('trailing')]), 1 << 20],
    [Buffer.concat([gz, gz]), 1 << 20],
    [gz.subarray(0, gz.length - 1), 1 << 20],
    [gz.subarray(0, gz.length - 9), 1 << 20],
    [gz.subarray(0, 12), 1 << 20],
    [gz, text.length],
    [gz, text.length - 1],
    [gzipSync(new Uint8Array(200000)), 100000],
    [Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff]), 1000],
    [Buffer.from('not gzip'), 1000],
  ];
  const corrupt = Buffer.from(gz);
  corrupt[corrupt.length - 6] ^= 1; // the CRC
  cases.push([corrupt, 1 << 20]);
  const wrongLength = Buffer.from(gz);
  wrongLength[wrongLength.length - 2] ^= 1; // ISIZE
  cases.push([wrongLength, 1 << 20]);
  const named = Buffer.concat([
    Buffer.from([0x1f, 0x8b, 8, 0x08, 0, 0, 0, 0, 0, 3]),
    Buffer.from('name\0'),
    deflateRawSync(text),
    gz.subarray(-8),
  ]);
  cases.push([named, 1 << 20]);
  for (const [bytes, max] of cases) assert.deepEqual(gunzipWith(web, bytes, max), gunzipWith(node, bytes, max));
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2000 }), fc.nat(gz.length - 1), fc.nat(255), (tail, at, value) => {
      const mutated = Buffer.from(gz);
      mutated[at] = value;
      for (const input of [Buffer.concat([gz, tail]), mutated, gzipSync(tail, { strategy: constants.Z_FIXED })])
        assert.deepEqual(gunzipWith(web, input, 1 << 20), gunzipWith(node, input, 1 << 20));
    }),
    { numRuns: 100 },
  );
});

test('web sha-256 matches Node crypto', () => {
  for (const s of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'é😀\u0000', 'x'.repeat(100000)])
    assert.equal(web.sha256Hex(s), node.sha256Hex(s));
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => assert.equal(web.sha256Hex(s), node.sha256Hex(s))),
    { numRuns: 300 },
  );
});

/** The DER certificates in the pki vectors (PEM inside base64 inside TOML). */
function fixtureCertificates(): Uint8Array[] {
  const vectors = JSON.parse(readFileSync(join(FIXTURES, 'vectors', 'settings', 'pki.json'), 'utf8')) as { cases: Array<{ toml: string }> };
  const out: Uint8Array[] = [];
  for (const c of vectors.cases) {
    const data = /data = "([^"]+)"/.exec(c.toml)?.[1];
    if (!data) continue;
    const pem = Buffer.from(data, 'base64').toString('latin1');
    for (const m of pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g))
      out.push(Buffer.from(m[1]!.replace(/\s/g, ''), 'base64'));
  }
  return out;
}

test('web X.509 check agrees with Node on certificates, truncations, trailing bytes and re-tagged fields', () => {
  const certs = fixtureCertificates();
  assert.ok(certs.length > 0);
  const cert = certs[0]!;
  const inputs: Uint8Array[] = [...certs, new Uint8Array(0), Buffer.from('garbage'), Buffer.concat([cert, Buffer.from([0, 1, 2])])];
  for (let n = 0; n < cert.length; n += 7) inputs.push(cert.subarray(0, n));
  // the outer SEQUENCE, tbsCertificate, and the tags of the top-level fields, re-tagged
  for (const at of [0, 4, 8]) {
    const bad = Buffer.from(cert);
    bad[at] = 0x31;
    inputs.push(bad);
  }
  const algorithmAt = 4 + ((cert[5]! & 0x80 ? 2 + (cert[5]! & 0x7f) : 2) + ((cert[6]! << 8) | cert[7]!));
  const retagged = Buffer.from(cert);
  retagged[algorithmAt] = 0x04;
  inputs.push(retagged);
  for (const input of inputs) assert.equal(web.parsesAsX509(input), node.parsesAsX509(input), `${input.length} bytes`);
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => assert.equal(web.parsesAsX509(bytes), node.parsesAsX509(bytes))),
    { numRuns: 300 },
  );
});

test('web IP addresses and IDNA agree with Node net and url', () => {
  const ips = [
    '1.2.3.4',
    '255.255.255.255',
    '256.1.1.1',
    '01.2.3.4',
    '1.2.3',
    '::',
    '::1',
    '2001:db8::1',
    '2001:db8:0:0:0:0:2:1',
    '::ffff:1.2.3.4',
    '::ffff:01.2.3.4',
    '1:2:3:4:5:6:7:8:9',
    '12345::',
    ':1',
    'fe80::1',
    '[::1]',
    'g::1',
    '',
    ' ::1',
  ];
  for (const s of ips) {
    assert.equal(web.isIPv4(s), node.isIPv4(s), `isIPv4(${s})`);
    assert.equal(web.isIPv6(s), node.isIPv6(s), `isIPv6(${s})`);
  }
  const domains = [
    'example.com',
    'EXAMPLE.com',
    'bücher.example',
    'xn--bcher-kva.example',
    'a..b',
    'münchen.de.',
    '☃.net',
    'xn--a.com',
    'a_b.com',
    'x'.repeat(70) + '.com',
  ];
  for (const s of domains) assert.equal(web.domainToASCII(s), node.domainToASCII(s), `domainToASCII(${s})`);
  const hexish = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF:.'), maxLength: 45 });
  fc.assert(
    fc.property(hexish, (s) => {
      assert.equal(web.isIPv6(s), node.isIPv6(s), `isIPv6(${s})`);
      assert.equal(web.isIPv4(s), node.isIPv4(s), `isIPv4(${s})`);
    }),
    { numRuns: 500 },
  );
});

// src/util/platform.ts tests IP addresses with the expressions node:net tests, without loading node:net
// (it loads the streams with it, at every start): the two must agree on every string.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import fc from 'fast-check';
import { isIPv4, isIPv6 } from '../src/util/platform.js';

function agree(s: string): void {
  assert.equal(isIPv4(s), net.isIPv4(s), `isIPv4(${JSON.stringify(s)})`);
  assert.equal(isIPv6(s), net.isIPv6(s), `isIPv6(${JSON.stringify(s)})`);
}

test('isIPv4 and isIPv6 agree with node:net on addresses, near misses and noise', () => {
  for (const s of [
    '1.2.3.4',
    '0.0.0.0',
    '256.1.1.1',
    '01.2.3.4',
    '1.2.3',
    '1.2.3.4.',
    '::',
    '::1',
    '::ffff:1.2.3.4',
    'fe80::1%eth0',
    'fe80::1%',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '[::1]',
    '',
  ])
    agree(s);
  const samples = [
    fc.ipV4(),
    fc.ipV4Extended(),
    fc.ipV6(),
    fc.tuple(fc.ipV6(), fc.string({ unit: fc.constantFrom(...'az09-.:%'), maxLength: 6 })).map(([a, zone]) => `${a}%${zone}`),
    fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFg:.%'), maxLength: 45 }),
  ];
  fc.assert(fc.property(fc.oneof(...samples), agree), { numRuns: 3000, seed: 7 });
});

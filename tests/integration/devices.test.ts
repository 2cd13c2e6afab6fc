import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { knownDevice, rememberDevice } from '../../src/lib/server/auth/devices.ts';

// Written to kill the mutants the first Stryker run left alive (docs/mutation.md). No database:
// the device mark is a keyed hash, so this runs where the encryption key is set up.
const entriesOf = (cookie: string) => cookie.split('~');

describe('the device cookie', () => {
  it('knows this browser for the account that signed in, and for no other', () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const cookie = rememberDevice(null, a);
    expect(knownDevice(cookie, a)).toMatch(/^[a-z2-7]{32}$/);
    expect(knownDevice(cookie, b)).toBeNull();
  });

  it('puts the account that signed in first, keeps the others once, and keeps the device id', () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const first = rememberDevice(null, a);
    const both = rememberDevice(first, b);
    const again = rememberDevice(both, a);
    expect(entriesOf(again)).toHaveLength(2);
    expect(entriesOf(again)[0]).toBe(entriesOf(first)[0]);
    expect(knownDevice(again, a)).toBe(knownDevice(first, a));
    expect(knownDevice(again, b)).toBe(knownDevice(both, b));
  });

  it('keeps at most five accounts, and reads no more than five', () => {
    const users = Array.from({ length: 6 }, () => randomUUID());
    let cookie = '';
    for (const user of users) cookie = rememberDevice(cookie, user);
    expect(entriesOf(cookie)).toHaveLength(5);
    expect(knownDevice(cookie, users[0]!)).toBeNull();
    const six = users.map((user) => rememberDevice(null, user)).join('~');
    expect(knownDevice(six, users[5]!)).toBeNull();
    expect(knownDevice(six, users[4]!)).not.toBeNull();
  });

  it('drops entries that are not a device id and a mark', () => {
    const user = randomUUID();
    const [device, mark] = rememberDevice(null, randomUUID()).split('.') as [string, string];
    const junk = [`a${device}.${mark}`, `${device}a.${mark}`, `${device}.a${mark}`, `${device}.${mark}a`, 'x', `${device}.`].join('~');
    expect(entriesOf(rememberDevice(junk, user))).toHaveLength(1);
  });
});

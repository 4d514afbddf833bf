import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVersions, leadingVersion } from '../../src/input/order.js';

describe('compareVersions', () => {
  it('compares numbers, not strings', () => {
    expect(compareVersions('10', '9')).toBeGreaterThan(0);
    expect(compareVersions('002', '10')).toBeLessThan(0);
    expect(compareVersions('007', '7')).toBe(0);
  });

  it('compares dated versions by their digits, whatever the separators', () => {
    expect(compareVersions('20140924113530', '2017-09-23-182408')).toBeLessThan(0);
    expect(compareVersions('2017-09-23-182408', '20170923182409')).toBeLessThan(0);
    expect(compareVersions('2014_10_12_000000', '2014-10-12-000000')).toBe(0);
  });

  it('compares dotted versions part by part, ignoring trailing zero parts', () => {
    expect(compareVersions('1.2.10', '1.2.9')).toBeGreaterThan(0);
    expect(compareVersions('1.10', '2')).toBeLessThan(0);
    expect(compareVersions('1.0', '1')).toBe(0);
  });

  it('agrees with integer order on arbitrary integers, zero-padded or not', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.nat(5), (a, b, pad) => {
        const expected = a < b ? -1 : a > b ? 1 : 0;
        expect(Math.sign(compareVersions('0'.repeat(pad) + a.toString(), b.toString()))).toBe(expected);
      }),
    );
  });
});

describe('leadingVersion', () => {
  it.each([
    ['001_init', '001', 'init'],
    ['20140924113530_add_users', '20140924113530', 'add_users'],
    ['2017-09-23-182408_create_posts', '2017-09-23-182408', 'create_posts'],
    ['2014_10_12_000000_create_users_table', '2014_10_12_000000', 'create_users_table'],
    ['1.2_fix', '1.2', 'fix'],
    ['001_2fa_tokens', '001', '2fa_tokens'],
    ['42', '42', '42'],
  ])('%s → %s + %s', (base, version, name) => {
    expect(leadingVersion(base)).toEqual({ version, name });
  });

  it('is undefined without a leading number', () => {
    expect(leadingVersion('schema')).toBeUndefined();
    expect(leadingVersion('V1__init')).toBeUndefined();
  });
});

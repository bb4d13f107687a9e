import { describe, expect, it } from 'vitest';
import { blockIdOf, decodeCheckpoint } from '../../../../shared/app/export/checkpoint.js';

const decoded = (blockId: string) => Buffer.from(blockId, 'base64').toString('utf8');

describe('blockIdOf', () => {
  it('zero-pads the generation to 4 and the index to 7 digits, so every id of a blob has one length', () => {
    expect(blockIdOf(0)).toBe('ZzAwMDAtYmxvY2stMDAwMDAwMA==');
    expect(decoded(blockIdOf(0))).toBe('g0000-block-0000000');
    expect(decoded(blockIdOf(42, 3))).toBe('g0003-block-0000042');
    expect(decoded(blockIdOf(1_234_567, 1234))).toBe('g1234-block-1234567');
  });
});

describe('decodeCheckpoint', () => {
  it('reads nothing from an empty, unparseable or malformed checkpoint', () => {
    expect(decodeCheckpoint(null)).toBeUndefined();
    expect(decodeCheckpoint('')).toBeUndefined();
    expect(decodeCheckpoint('{"v":2,')).toBeUndefined();
    expect(decodeCheckpoint('{"v":2,"after":[],"rows":-1,"blocks":[],"bytes":0,"hash":"h"}')).toBeUndefined();
    expect(decodeCheckpoint('{"v":2,"after":["2026-03-01",7],"rows":3,"blocks":["b"],"bytes":9,"hash":"h"}')).toEqual({
      v: 2,
      after: ['2026-03-01', 7],
      rows: 3,
      blocks: ['b'],
      bytes: 9,
      hash: 'h',
    });
  });
});

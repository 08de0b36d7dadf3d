import { describe, expect, it } from 'vitest';
import { KeySet } from './key-set';

describe('KeySet', () => {
  it('answers the first line of a key, records nothing for a refused row, and survives growth', () => {
    const keys = new KeySet(4);
    expect(keys.claim(['ea@x.fr', 'xA1'], 2)).toBe(0);
    expect(keys.claim(['eb@x.fr', 'xA1'], 3)).toBe(2);
    // line 3 was refused: its email is still free
    expect(keys.claim(['eb@x.fr'], 4)).toBe(0);
    for (let i = 0; i < 100_000; i++) expect(keys.claim([`e${i}@x.fr`], 10 + i)).toBe(0);
    expect(keys.claim(['e99999@x.fr'], 1)).toBe(100_009);
    expect(keys.claim(['ea@x.fr'], 1)).toBe(2);
    expect(keys.size).toBe(100_003);
  });
});

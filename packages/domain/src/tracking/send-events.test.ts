import { SEND_EVENT_KINDS } from '@relance/domain/dispatch/sends';
import { describe, expect, it } from 'vitest';
import { deliveryState, sendEventEffect } from './send-events';

describe('delivery state', () => {
  it('is the highest state reached, in any order', () => {
    expect(deliveryState([])).toBe('sent');
    expect(deliveryState(['opened', 'delivered'])).toBe('opened');
    expect(deliveryState(['delivered', 'bounced'])).toBe('failed');
    expect(deliveryState(['bounced', 'delivered'])).toBe('failed');
    expect(deliveryState(['returned', 'sold'])).toBe('sold');
    expect(deliveryState(['unsubscribed', 'reminded'])).toBe('sent');
  });
});

describe('what each kind does', () => {
  it('suppresses on opt-outs and failures that say the address is bad, and only there', () => {
    const suppressing = SEND_EVENT_KINDS.filter((k) => sendEventEffect(k).suppress);
    expect(suppressing.sort()).toEqual(
      ['bounced', 'dropped', 'opted_out', 'returned', 'spam_reported', 'unsubscribed'].sort(),
    );
    expect(sendEventEffect('opted_out')).toEqual({ suppress: 'stop', consent: 'opt_out', response: false });
    expect(sendEventEffect('opted_in').consent).toBe('opt_in');
    expect(SEND_EVENT_KINDS.filter((k) => sendEventEffect(k).response)).toEqual([
      'responded',
      'sold',
      'quoted',
    ]);
  });
});

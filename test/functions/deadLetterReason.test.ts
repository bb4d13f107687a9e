import { describe, expect, it } from 'vitest';
import { deadLetterReasonOf } from '../../functions/deadLetterExport.js';

const reason = 'MaxDeliveryCountExceeded';
const description = 'Message could not be consumed after 5 delivery attempts.';

describe('deadLetterReasonOf (where the Service Bus extension puts the reason)', () => {
  it('reads the application properties, camel-cased by @azure/functions 4.x', () => {
    expect(
      deadLetterReasonOf({
        deliveryCount: 5,
        deadLetterSource: 'export-jobs',
        applicationProperties: { deadLetterReason: reason, deadLetterErrorDescription: description },
        userProperties: { deadLetterReason: 'not this one' },
      }),
    ).toBe(`${reason}: ${description}`);
  });

  it("reads them with the broker's own key case, and from the back-compat userProperties", () => {
    expect(deadLetterReasonOf({ applicationProperties: { DeadLetterReason: reason } })).toBe(reason);
    expect(deadLetterReasonOf({ userProperties: { DeadLetterErrorDescription: description } })).toBe(description);
  });

  it('falls back to top-level keys, and to nothing (the caller then says "dead-lettered")', () => {
    expect(deadLetterReasonOf({ deadLetterReason: 'TTLExpiredException' })).toBe('TTLExpiredException');
    expect(deadLetterReasonOf({ applicationProperties: { other: 1 }, deadLetterSource: 'export-jobs' })).toBeUndefined();
    expect(deadLetterReasonOf({ applicationProperties: 'not an object', deadLetterReason: '  ' })).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { submitExportJob } from '../../../shared/app/createExportJob.js';
import { requestHashOf, scopedKey } from '../../../shared/app/idempotency.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { fakeServices, ORG_A, type FakeServices } from '../../fakes/fakeServices.js';
import { rejection, thrown } from '../../support/appErrors.js';

/*
 * The Idempotency-Key as the API states it (400 for a malformed key, 422 for a reused one, a 24-hour
 * window) and the stored request hash. Oracles: literal messages, and hashes computed outside the
 * code (`printf '%s' '<canonical JSON>' | sha256sum`) from canonical JSON written out by hand.
 */

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const body = { dataType: 'users', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-06-30' } };

const create = (world: FakeServices, b: object, key: string) =>
  submitExportJob(world, admin, b, world.logger, { idempotencyKey: key });

describe('scopedKey', () => {
  it('refuses a malformed key with a problem naming the header and the rule', () => {
    for (const key of ['', 'has space', 'tab\there', 'ü', 'x'.repeat(256)]) {
      const e = thrown(() => scopedKey(admin, key));
      expect([e.code, e.message, e.options], JSON.stringify(key)).toEqual([
        'VALIDATION_FAILED',
        'The Idempotency-Key header is invalid.',
        { details: [{ field: 'Idempotency-Key', message: 'must be 1–255 visible ASCII characters' }] },
      ]);
    }
  });

  it('accepts 1 to 255 visible ASCII characters', () => {
    for (const key of ['k', '!~', 'x'.repeat(255)]) expect(scopedKey(admin, key)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('requestHashOf', () => {
  it('hashes the operation and the request as JSON with sorted keys, leaving out absent fields', () => {
    const scrambled = {
      format: 'csv',
      filters: { userId: undefined, organizationId: ORG_A },
      dateRange: { to: '2026-01-31', from: '2026-01-01' },
      csv: { includeBom: false, delimiter: ';' },
      compression: 'none',
      dataType: 'users',
      columns: ['email', 'userId'],
    };
    // create\n{"columns":["email","userId"],"compression":"none","csv":{"delimiter":";","includeBom":false},
    // "dataType":"users","dateRange":{"from":"2026-01-01","to":"2026-01-31"},
    // "filters":{"organizationId":"3f2504e0-4f89-41d3-9a0c-0305e82c3301"},"format":"csv"}
    expect(requestHashOf('create', scrambled)).toBe('b63c940a85125425ddaa1a32e1d433b311dc71ac87fc3279b5fc364fad5ff355');
  });

  it('keeps arrays in their order and canonicalises what they hold', () => {
    // retry:x\n[[],{},null,"a",1,true,[{"a":[{"b":2,"c":1}]}]]
    expect(requestHashOf('retry:x', [[], {}, null, 'a', 1, true, [{ a: [{ c: 1, b: 2 }] }]])).toBe(
      '2477854c68f95a030afc2d12edf43e6a3796c8942274a7267d93d4fc802f6f27',
    );
    expect(requestHashOf('create', ['email', 'userId'])).not.toBe(requestHashOf('create', ['userId', 'email']));
  });
});

describe('replay within the window', () => {
  it('the same key with another request is refused with a message that says what to do', async () => {
    const world = fakeServices();
    await create(world, body, 'key-1');
    const e = await rejection(create(world, { ...body, format: 'json' }, 'key-1'));
    expect([e.code, e.message]).toEqual([
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was used with a different request in the last 24 hours; use a new key for a new request.',
    ]);
  });

  it('still honours the key exactly 24 hours after the first request', async () => {
    const world = fakeServices();
    const first = await create(world, body, 'key-2');
    world.clock.advance(24 * 3600);
    const again = await create(world, body, 'key-2');
    expect([again.replayed, again.job.id]).toEqual([true, first.job.id]);
    expect(world.repo.jobs.size).toBe(1);
  });
});

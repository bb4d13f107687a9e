import { z } from 'zod';
import type { KeysetPosition } from '../../ports/datasetSource.js';
import type { Sha256State } from './sha256.js';

/**
 * How far a resumable (text-format) export got: everything up to and including the row at `after`
 * is in the staged blocks `blocks`, whose bytes hash to `hash` and total `bytes`.
 *
 * Version 2 holds hash-wasm's saved SHA-256 state. A version-1 checkpoint (the hand-written hasher's
 * state) is unreadable on purpose: the export starts over rather than misread it.
 */
export interface Checkpoint {
  readonly v: 2;
  readonly after: KeysetPosition;
  readonly rows: number;
  readonly blocks: readonly string[];
  readonly bytes: number;
  readonly hash: Sha256State;
}

const schema = z.object({
  v: z.literal(2),
  after: z.array(z.union([z.string(), z.number()])),
  rows: z.number().int().min(0),
  blocks: z.array(z.string()),
  bytes: z.number().int().min(0),
  hash: z.string().min(1),
});

export const encodeCheckpoint = (c: Checkpoint): string => JSON.stringify(c);

/** Undefined for none or for anything unreadable: the export then starts over, which is always safe. */
export function decodeCheckpoint(s: string | null): Checkpoint | undefined {
  if (!s) return undefined;
  try {
    const r = schema.safeParse(JSON.parse(s));
    return r.success ? r.data : undefined;
  } /* Stryker disable next-line BlockStatement: emptied, it falls out of the function: undefined all the same */ catch {
    return undefined;
  }
}

/**
 * Block ids must have equal length within a blob. Text formats use generation 0 on every attempt:
 * their bytes are deterministic, so a resumed attempt continues the same list. Binary formats tag
 * blocks with the attempt, so a stale attempt can never commit a mix of its blocks and a newer one's.
 */
export const blockIdOf = (index: number, generation = 0): string =>
  Buffer.from(`g${String(generation).padStart(4, '0')}-block-${String(index).padStart(7, '0')}`).toString('base64');

/**
 * Which network addresses a webhook may be delivered to (SSRF defence). Only public unicast
 * addresses: never loopback, private (RFC 1918), carrier-grade NAT, link-local (cloud metadata
 * endpoints live there), unique-local IPv6, multicast, reserved, documentation or unspecified
 * ranges — and an IPv6 address that embeds an IPv4 one (mapped, NAT64, 6to4, Teredo) is judged by
 * the IPv4 address inside it.
 */
export type AddressVerdict = 'public' | 'loopback' | 'blocked';

type V4 = readonly [number, number, number, number];

/** IPv4 ranges that are not public, as [first octets…, prefix length]. */
const BLOCKED_V4: readonly (readonly [V4, number])[] = [
  [[0, 0, 0, 0], 8], // "this network", unspecified
  [[10, 0, 0, 0], 8], // private
  [[100, 64, 0, 0], 10], // carrier-grade NAT
  [[169, 254, 0, 0], 16], // link-local (instance metadata)
  [[172, 16, 0, 0], 12], // private
  [[192, 0, 0, 0], 24], // IETF protocol assignments
  [[192, 0, 2, 0], 24], // documentation
  [[192, 88, 99, 0], 24], // 6to4 relay anycast
  [[192, 168, 0, 0], 16], // private
  [[198, 18, 0, 0], 15], // benchmarking
  [[198, 51, 100, 0], 24], // documentation
  [[203, 0, 113, 0], 24], // documentation
  [[224, 0, 0, 0], 4], // multicast
  [[240, 0, 0, 0], 4], // reserved, broadcast
];

function parseV4(text: string): V4 | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const octets = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  if (octets.some((o) => !(o >= 0 && o <= 255))) return undefined;
  return octets as unknown as V4;
}

const inRange = (a: V4, [base, bits]: readonly [V4, number]): boolean => {
  const toInt = (x: V4) => ((x[0] << 24) | (x[1] << 16) | (x[2] << 8) | x[3]) >>> 0;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (toInt(a) & mask) >>> 0 === (toInt(base) & mask) >>> 0;
};

function classifyV4(a: V4): AddressVerdict {
  if (a[0] === 127) return 'loopback';
  return BLOCKED_V4.some((r) => inRange(a, r)) ? 'blocked' : 'public';
}

/** Eight 16-bit groups, or undefined when the text is not an IPv6 address. */
function parseV6(text: string): number[] | undefined {
  let s = text.replace(/^\[|\]$/g, '').replace(/%.*$/, ''); // brackets, zone id
  let tail: number[] = [];
  const v4 = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (v4) {
    const a = parseV4(v4[1] as string);
    if (!a) return undefined;
    tail = [(a[0] << 8) | a[1], (a[2] << 8) | a[3]];
    s = s.slice(0, -(v4[1] as string).length);
    if (s.endsWith(':') && !s.endsWith('::')) s = s.slice(0, -1);
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0] ?? '');
  const rest = halves.length === 2 ? groups(halves[1] ?? '') : [];
  const all = [...head, ...rest];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  const known = all.length + tail.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return undefined;
  const zeros = new Array<number>(8 - known).fill(0);
  const values = (xs: string[]) => xs.map((g) => parseInt(g, 16));
  return [...values(head), ...(halves.length === 2 ? zeros : []), ...values(rest), ...tail];
}

function classifyV6(g: number[]): AddressVerdict {
  const [g0 = 0, g1 = 0, , , , g5 = 0, g6 = 0, g7 = 0] = g;
  const embedded = (hi: number, lo: number): V4 => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(7) && g7 === 1) return 'loopback'; // ::1
  if (zeroUpTo(8)) return 'blocked'; // ::
  if (zeroUpTo(5) && g5 === 0xffff) return classifyV4(embedded(g6, g7)); // ::ffff:a.b.c.d (mapped)
  if (zeroUpTo(6)) return 'blocked'; // ::a.b.c.d (deprecated compatible)
  if (g0 === 0x64 && g1 === 0xff9b) return classifyV4(embedded(g6, g7)); // NAT64 64:ff9b::/96
  if (g0 === 0x2002) return classifyV4(embedded(g1, g[2] ?? 0)); // 6to4
  if (g0 === 0x2001 && g1 === 0) return 'blocked'; // Teredo (the IPv4 inside is obfuscated)
  if (g0 === 0x2001 && g1 === 0xdb8) return 'blocked'; // documentation
  if ((g0 & 0xfe00) === 0xfc00) return 'blocked'; // unique local fc00::/7
  if ((g0 & 0xffc0) === 0xfe80) return 'blocked'; // link-local fe80::/10
  if ((g0 & 0xffc0) === 0xfec0) return 'blocked'; // site-local (deprecated)
  if ((g0 & 0xff00) === 0xff00) return 'blocked'; // multicast
  if (g0 === 0x100 && zeroUpTo(4)) return 'blocked'; // discard-only 100::/64
  return (g0 & 0xe000) === 0x2000 ? 'public' : 'blocked'; // global unicast is 2000::/3
}

/** The verdict on one address (text, IPv4 or IPv6); anything that is not an address is blocked. */
export function classifyAddress(address: string): AddressVerdict {
  const v4 = parseV4(address);
  if (v4) return classifyV4(v4);
  const v6 = parseV6(address);
  return v6 ? classifyV6(v6) : 'blocked';
}

/** Is the text an IP address literal (as a URL host may be)? */
export const isIpLiteral = (host: string): boolean => parseV4(host) !== undefined || parseV6(host) !== undefined;

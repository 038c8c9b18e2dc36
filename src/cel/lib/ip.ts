/**
 * The Kubernetes IP and CIDR libraries (k8s.io/apiserver/pkg/cel/library/ip.go, cidr.go): `ip()`,
 * `isIP()`, `ip.isCanonical()`, `cidr()`, `isCIDR()` and their methods. Parsing follows Go's
 * netip (no leading zeros in IPv4, no zones) and rejects IPv4-mapped IPv6 addresses, as Kubernetes
 * does.
 */
import type { CelFunc } from '@bufbuild/cel';
import type { CelRuntime } from '../runtime.js';
import { opaque, opaqueOf } from '../values.js';

export interface Ip {
  /** 4 or 6. */
  family: 4 | 6;
  /** The address as an unsigned integer (32 or 128 bits). */
  bits: bigint;
}

export interface Cidr {
  ip: Ip;
  prefix: number;
}

export const IP = 'net.IP';
export const CIDR = 'net.CIDR';

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let out = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) return undefined;
    out = (out << 8n) | BigInt(p);
  }
  return out;
}

function parseIpv6(text: string): bigint | undefined {
  if (text.includes('%')) return undefined;
  let groups: number[];
  const pushGroups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const items = part.split(':');
    for (let i = 0; i < items.length; i++) {
      const item = items[i] ?? '';
      if (i === items.length - 1 && item.includes('.')) {
        const v4 = parseIpv4(item);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else {
        if (!/^[0-9A-Fa-f]{1,4}$/.test(item)) return undefined;
        out.push(parseInt(item, 16));
      }
    }
    return out;
  };
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  if (halves.length === 2) {
    const head = pushGroups(halves[0] ?? '');
    const tail = pushGroups(halves[1] ?? '');
    if (!head || !tail || head.length + tail.length > 7) return undefined;
    groups = [...head, ...Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    const all = pushGroups(text);
    if (all?.length !== 8) return undefined;
    groups = all;
  }
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

/** The IP address `text` denotes, or an error message. */
export function parseIp(text: string): Ip | string {
  if (text.includes('%')) return `IP address with zone value is not allowed: ${text}`;
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { family: 4, bits: v4 };
  if (!text.includes(':'))
    return `IP Address "${text}" parse error during conversion from string: ParseAddr("${text}"): unable to parse IP`;
  const v6 = parseIpv6(text);
  if (v6 === undefined) return `IP Address "${text}" parse error during conversion from string: ParseAddr("${text}"): unable to parse IP`;
  if (v6 >> 32n === 0xffffn) return `IPv4-mapped IPv6 address "${text}" is not allowed`;
  return { family: 6, bits: v6 };
}

/** The CIDR `text` denotes, or an error message. */
export function parseCidr(text: string): Cidr | string {
  const slash = text.indexOf('/');
  if (slash < 0) return `network address parse error during conversion from string: netip.ParsePrefix("${text}"): no '/'`;
  const ip = parseIp(text.slice(0, slash));
  if (typeof ip === 'string') return ip;
  const bits = text.slice(slash + 1);
  const max = ip.family === 4 ? 32 : 128;
  if (!/^(0|[1-9][0-9]*)$/.test(bits) || Number(bits) > max) {
    return `network address parse error during conversion from string: netip.ParsePrefix("${text}"): bad bits after slash: "${bits}"`;
  }
  return { ip, prefix: Number(bits) };
}

/** The canonical text of an address (RFC 5952 for IPv6). */
export function formatIp(ip: Ip): string {
  if (ip.family === 4) return [24n, 16n, 8n, 0n].map((s) => String((ip.bits >> s) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((ip.bits >> BigInt((7 - i) * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

function width(ip: Ip): bigint {
  return ip.family === 4 ? 32n : 128n;
}

function inPrefix(ip: Ip, network: bigint, prefix: number): boolean {
  const shift = width(ip) - BigInt(prefix);
  return ip.bits >> shift === network >> shift;
}

function masked(c: Cidr): Cidr {
  const shift = width(c.ip) - BigInt(c.prefix);
  return { ip: { family: c.ip.family, bits: (c.ip.bits >> shift) << shift }, prefix: c.prefix };
}

function classify(ip: Ip): Record<string, boolean> {
  const b = ip.bits;
  if (ip.family === 4) {
    return {
      isUnspecified: b === 0n,
      isLoopback: b >> 24n === 127n,
      isLinkLocalMulticast: b >> 8n === 0xe00000n,
      isLinkLocalUnicast: b >> 16n === 0xa9fen,
      isGlobalUnicast: b !== 0xffffffffn && b !== 0n && b >> 24n !== 127n && b >> 28n !== 0xen && b >> 16n !== 0xa9fen,
    };
  }
  const top = Number(b >> 112n);
  return {
    isUnspecified: b === 0n,
    isLoopback: b === 1n,
    isLinkLocalMulticast: top >> 8 === 0xff && (top & 0x0f) === 0x02,
    isLinkLocalUnicast: top >> 6 === 0x3fa,
    isGlobalUnicast: b !== 0n && b !== 1n && top >> 8 !== 0xff && top >> 6 !== 0x3fa,
  };
}

export function ipFuncs({ cel }: CelRuntime): CelFunc[] {
  const { STRING, BOOL, INT, DYN } = cel.CelScalar;
  const ipOf = (v: unknown): Ip => {
    const ip = opaqueOf<Ip>(v, IP);
    if (!ip) throw new Error('no such overload: expected an IP');
    return ip;
  };
  const cidrOf = (v: unknown): Cidr => {
    const c = opaqueOf<Cidr>(v, CIDR);
    if (!c) throw new Error('no such overload: expected a CIDR');
    return c;
  };
  const orThrow = <T>(v: T | string): T => {
    if (typeof v === 'string') throw new Error(v);
    return v;
  };
  const ipMethod = (name: string) =>
    cel.celMethod(name, DYN, [], BOOL, function (this: unknown) {
      return classify(ipOf(this))[name] === true;
    });
  return [
    cel.celFunc('ip', [STRING], DYN, (s) => opaque(IP, orThrow(parseIp(s))) as never),
    cel.celFunc('isIP', [STRING], BOOL, (s) => typeof parseIp(s) !== 'string'),
    cel.celFunc('ip.isCanonical', [STRING], BOOL, (s) => formatIp(orThrow(parseIp(s))) === s),
    cel.celMethod('family', DYN, [], INT, function (this: unknown) {
      return BigInt(ipOf(this).family);
    }),
    ...['isUnspecified', 'isLoopback', 'isLinkLocalMulticast', 'isLinkLocalUnicast', 'isGlobalUnicast'].map(ipMethod),
    cel.celFunc('cidr', [STRING], DYN, (s) => opaque(CIDR, orThrow(parseCidr(s))) as never),
    cel.celFunc('isCIDR', [STRING], BOOL, (s) => typeof parseCidr(s) !== 'string'),
    cel.celMethod('containsIP', DYN, [DYN], BOOL, function (this: unknown, other) {
      const c = cidrOf(this);
      const ip = typeof other === 'string' ? orThrow(parseIp(other)) : ipOf(other);
      return ip.family === c.ip.family && inPrefix(ip, c.ip.bits, c.prefix);
    }),
    cel.celMethod('containsCIDR', DYN, [DYN], BOOL, function (this: unknown, other) {
      const c = cidrOf(this);
      const o = typeof other === 'string' ? orThrow(parseCidr(other)) : cidrOf(other);
      return o.ip.family === c.ip.family && o.prefix >= c.prefix && inPrefix(o.ip, c.ip.bits, c.prefix);
    }),
    cel.celMethod('ip', DYN, [], DYN, function (this: unknown) {
      return opaque(IP, cidrOf(this).ip);
    }),
    cel.celMethod('masked', DYN, [], DYN, function (this: unknown) {
      return opaque(CIDR, masked(cidrOf(this)));
    }),
    cel.celMethod('prefixLength', DYN, [], INT, function (this: unknown) {
      return BigInt(cidrOf(this).prefix);
    }),
  ];
}

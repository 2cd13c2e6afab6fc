import { isIPv4, isIPv6 } from 'node:net';

/** A client address cut to its network (/24 or /48): enough to see a pattern, not a person. */
export function ipPrefix(address: string | undefined | null): string | null {
  if (!address) return null;
  const ip = address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
  if (isIPv4(ip)) return `${ip.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIPv6(ip)) {
    const [head = ''] = ip.split('::');
    const groups = head.split(':').filter(Boolean);
    while (groups.length < 3) groups.push('0');
    return `${groups.slice(0, 3).join(':')}::/48`;
  }
  return null;
}

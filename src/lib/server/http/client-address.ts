import { BlockList, isIP } from 'node:net';

// Rate limits and the access log need the visitor's network. Behind a reverse proxy every request
// comes from the proxy, so its X-Forwarded-For is read, but only from proxies named in
// TRUSTED_PROXIES: anyone else could write that header themselves.

/** "10.0.0.1" or "10.0.0.0/8" (IPv4 or IPv6); false for anything else. */
export function isAddressOrRange(entry: string): boolean {
  const [address = '', bits, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

export function trustList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

const plain = (address: string) => (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address);
const trusted = (list: BlockList, address: string) => {
  const ip = plain(address);
  const family = isIP(ip);
  return family !== 0 && list.check(ip, family === 6 ? 'ipv6' : 'ipv4');
};

/**
 * The client: the peer itself, unless the peer is a trusted proxy; then, walking X-Forwarded-For
 * from the right (the hop the proxy added last), the first address that is not a trusted proxy.
 */
export function clientAddress(peer: string, forwardedFor: string | null, list: BlockList): string {
  if (!trusted(list, peer)) return peer;
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean)
    .slice(-20);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (!isIP(plain(hop))) return peer; // a header we cannot read counts for nothing
    if (!trusted(list, hop)) return hop;
  }
  return peer;
}

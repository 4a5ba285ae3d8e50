import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/**
 * The SSRF guard for CalDAV URLs: a person types a URL and the server fetches it, so without a
 * check anyone could make Trellis read its own admin ports, the cloud metadata service
 * (169.254.169.254) or machines on the deployment's private network. Every address the host
 * resolves to must be public unless the deployment allows private ones
 * (TRELLIS_CALENDAR_ALLOW_PRIVATE, for a Nextcloud on the LAN). Checked on connect and again
 * before every request (redirects included), so a name that later resolves inward is refused too;
 * the window between the check and the connection (DNS rebinding within one request) remains.
 */
const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  blocked.addSubnet(network, prefix, "ipv6");
}

/** Whether an IP address is loopback, private, link-local, shared, multicast or reserved. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family !== 6) return true;
  const lower = address.toLowerCase();
  // IPv4 written inside IPv6 (::ffff:10.0.0.1, ::ffff:a00:1, 64:ff9b::10.0.0.1) is that IPv4 address.
  const mapped = lower.match(
    /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/,
  );
  if (mapped) {
    const v4 =
      mapped[1] ??
      [Number.parseInt(mapped[2] as string, 16), Number.parseInt(mapped[3] as string, 16)]
        .flatMap((word) => [word >> 8, word & 255])
        .join(".");
    return blocked.check(v4, "ipv4");
  }
  return blocked.check(lower, "ipv6");
}

/** A refusal of what a person typed, naming the field (the route answers 400 with it). */
export class CalendarInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export type Lookup = (hostname: string) => Promise<string[]>;

const systemLookup: Lookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Parses and checks a CalDAV URL: http(s), no credentials inside it, a host that resolves, and
 * (unless allowed) only public addresses. Throws CalendarInputError on the field `url`.
 */
export async function checkCalendarUrl(
  raw: string,
  options: { allowPrivateAddresses: boolean; lookup?: Lookup },
): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new CalendarInputError("url", "Enter the full address of the calendar, starting with https://.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new CalendarInputError("url", "The calendar address must start with https:// (or http://).");
  }
  if (url.username || url.password) {
    throw new CalendarInputError(
      "url",
      "Put the user name and app password in their own fields, not in the address.",
    );
  }
  if (options.allowPrivateAddresses) return url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = await (options.lookup ?? systemLookup)(host);
    } catch {
      throw new CalendarInputError("url", `The server ${host} could not be found. Check the address.`);
    }
  }
  if (addresses.length === 0) {
    throw new CalendarInputError("url", `The server ${host} could not be found. Check the address.`);
  }
  if (addresses.some(isPrivateAddress)) {
    throw new CalendarInputError(
      "url",
      `The server ${host} is on a private or local network address, which this Trellis does not connect to. An administrator can allow it with TRELLIS_CALENDAR_ALLOW_PRIVATE.`,
    );
  }
  return url;
}

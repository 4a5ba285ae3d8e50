import { describe, expect, it } from "vitest";
import { CalendarInputError, checkCalendarUrl, isPrivateAddress } from "./ssrf-guard.ts";

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CalendarInputError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
};

describe("SSRF guard", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "::1",
    "::",
    "fe80::1",
    "fd00::1",
    "::ffff:127.0.0.1",
    "::ffff:a9fe:a9fe",
    "not-an-ip",
  ])("%s is private", (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(["8.8.8.8", "172.32.0.1", "192.169.0.1", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8"])(
    "%s is public",
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );

  const lookupTo =
    (...addresses: string[]) =>
    async () =>
      addresses;

  it("refuses a host resolving to a private address, naming the field url", async () => {
    const problem = await refusal(
      checkCalendarUrl("https://calendar.internal/dav/", {
        allowPrivateAddresses: false,
        lookup: lookupTo("93.184.216.34", "10.0.0.5"),
      }),
    );
    expect(problem.field).toBe("url");
    expect(problem.message).toMatch(/private or local network/);
  });

  it("refuses a literal loopback or metadata address", async () => {
    expect(
      (await refusal(checkCalendarUrl("http://127.0.0.1:5232/", { allowPrivateAddresses: false }))).field,
    ).toBe("url");
    expect(
      (await refusal(checkCalendarUrl("http://[::1]:5232/", { allowPrivateAddresses: false }))).message,
    ).toMatch(/private/);
    expect(
      (await refusal(checkCalendarUrl("http://169.254.169.254/latest/", { allowPrivateAddresses: false })))
        .message,
    ).toMatch(/private/);
  });

  it("allows private addresses when the deployment says so", async () => {
    const url = await checkCalendarUrl("http://127.0.0.1:5232/alice/", { allowPrivateAddresses: true });
    expect(url.port).toBe("5232");
  });

  it("accepts a public host", async () => {
    const url = await checkCalendarUrl("https://dav.example.org/cal/", {
      allowPrivateAddresses: false,
      lookup: lookupTo("93.184.216.34"),
    });
    expect(url.hostname).toBe("dav.example.org");
  });

  it("refuses malformed addresses, other schemes, credentials in the URL and unknown hosts", async () => {
    const options = { allowPrivateAddresses: false, lookup: lookupTo("93.184.216.34") };
    expect((await refusal(checkCalendarUrl("not a url", options))).message).toMatch(/full address/);
    expect((await refusal(checkCalendarUrl("file:///etc/passwd", options))).message).toMatch(/https/);
    expect((await refusal(checkCalendarUrl("ftp://dav.example.org/", options))).message).toMatch(/https/);
    expect((await refusal(checkCalendarUrl("https://a:b@dav.example.org/", options))).message).toMatch(
      /own fields/,
    );
    const unknown = await refusal(
      checkCalendarUrl("https://nowhere.invalid/", {
        allowPrivateAddresses: false,
        lookup: async () => {
          throw new Error("ENOTFOUND");
        },
      }),
    );
    expect(unknown).toEqual({ field: "url", message: expect.stringMatching(/could not be found/) });
  });
});

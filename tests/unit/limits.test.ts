import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/http";
import { waitInWords } from "@/lib/i18n";

describe("waitInWords", () => {
  it("says a wait in words, rounded up to what the reader can act on", () => {
    expect(waitInWords(1, "en")).toBe("in 1 second");
    expect(waitInWords(42, "en")).toBe("in 42 seconds");
    expect(waitInWords(60, "en")).toBe("in 1 minute");
    expect(waitInWords(891, "en")).toBe("in 15 minutes");
    expect(waitInWords(3_597, "en")).toBe("in 1 hour");
    expect(waitInWords(891, "fr")).toBe("dans 15 minutes");
  });
});

describe("clientAddress", () => {
  it("reads the entry of X-Forwarded-For written by Next.js or by the trusted proxy nearest the client", () => {
    // reached directly: Next.js writes the connection's address when the request has no header
    expect(clientAddress("::ffff:127.0.0.2", 0)).toBe("::ffff:127.0.0.2");
    // one proxy appends the address it was reached from, after whatever the client sent
    expect(clientAddress("6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7");
    // two proxies: the outer one appended the client, the inner one the outer proxy
    expect(clientAddress("6.6.6.6, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
    expect(clientAddress("203.0.113.7", 2)).toBe("203.0.113.7");
    expect(clientAddress(undefined, 0)).toBe("unknown");
  });
});

import { checkAddressWiring, hostForUrl, parseAddress, ParsedAddress } from "../../lib/config/addressWiring";
import { brokerListeners } from "../../lib/render/listeners";

// Each case is one way a client can be told to dial an address nothing listens
// on. Messages are asserted word for word: they name the key to change, in the
// direction that fixes the wiring, and never a key the user left at its default.

function parsed(text: string): ParsedAddress {
    const address = parseAddress(text);
    if ("problem" in address) throw new Error(`${text}: ${address.problem}`);
    return address;
}

function wiring(advertisedHost: string, bindAddress: string, userSet = { advertisedHost: true, bindAddress: true }) {
    const bound = parsed(bindAddress);
    if (bound.kind !== "ip") throw new Error(`${bindAddress} is not an IP`);
    return checkAddressWiring({ advertised: parsed(advertisedHost), bound, userSet });
}

describe("reading an address", () => {
    it.each([
        ["192.168.1.300", "is not an IPv4 address (four numbers from 0 to 255, separated by dots), and a host name cannot be only digits and dots"],
        ["10.0.0", "is not an IPv4 address (four numbers from 0 to 255, separated by dots), and a host name cannot be only digits and dots"],
        ["[::1]", "is written in brackets; write the IPv6 address without them: ::1"],
        ["fe80::1%eth0", "has an IPv6 zone (%interface), which only this host understands; use an address without one"],
        ["kafka.example.com:9092", "must be a host name or IP address without scheme or port, like 127.0.0.1 or kafka.example.com"],
    ])("refuses %s", (text, problem) => {
        expect(parseAddress(text)).toEqual({ problem });
    });

    it.each([
        ["kafka.example.com.", { kind: "name", text: "kafka.example.com.", loopback: false }],
        ["broker-1", { kind: "name", text: "broker-1", loopback: false }],
        ["localhost", { kind: "name", text: "localhost", loopback: true }],
        ["127.0.0.2", { kind: "ip", text: "127.0.0.2", family: "ipv4", loopback: true, unspecified: false }],
        ["::1", { kind: "ip", text: "::1", family: "ipv6", loopback: true, unspecified: false }],
        ["::", { kind: "ip", text: "::", family: "ipv6", loopback: false, unspecified: true }],
    ])("reads %s", (text, expected) => {
        expect(parseAddress(text)).toEqual(expected);
    });
});

describe("advertised and bound addresses, as a client dials them", () => {
    it.each([
        ["127.0.0.1", "127.0.0.1"],
        ["192.168.24.170", "192.168.24.170"],
        ["192.168.24.170", "0.0.0.0"],
        ["kafka.example.com.", "0.0.0.0"],
        ["kafka.example.com", "192.168.24.170"],
        ["fd00::5", "::"],
        ["::1", "::1"],
    ])("accepts advertising %s with the ports on %s", (advertised, bound) => {
        expect(wiring(advertised, bound)).toEqual({ errors: [], warnings: [] });
    });

    it("tells different loopback addresses apart, asking to change the key the user set", () => {
        expect(wiring("127.0.0.2", "127.0.0.1", { advertisedHost: true, bindAddress: false }).errors).toEqual([
            'advertisedHost is "127.0.0.2" and bindAddress is "127.0.0.1": clients would dial 127.0.0.2, but the ports are published only on 127.0.0.1, so nothing answers them; set bindAddress to 127.0.0.2',
        ]);
        expect(wiring("127.0.0.1", "127.0.0.2", { advertisedHost: false, bindAddress: true }).errors).toEqual([
            'advertisedHost is "127.0.0.1" and bindAddress is "127.0.0.2": clients would dial 127.0.0.1, but the ports are published only on 127.0.0.2, so nothing answers them; set advertisedHost to 127.0.0.2',
        ]);
    });

    it("does not take IPv6 loopback for IPv4 loopback", () => {
        expect(wiring("::1", "127.0.0.1").errors).toEqual([
            'advertisedHost is "::1" and bindAddress is "127.0.0.1": clients would dial ::1, but the ports are published only on 127.0.0.1, so nothing answers them; set bindAddress to ::1, or set advertisedHost to 127.0.0.1',
        ]);
    });

    it("refuses an address family the all-interfaces bind does not cover", () => {
        expect(wiring("fd00::5", "0.0.0.0").errors).toEqual([
            'advertisedHost is "fd00::5" and bindAddress is "0.0.0.0": Docker publishes 0.0.0.0 on IPv4 interfaces only, so clients dialling fd00::5 find nothing; set bindAddress to :: or to fd00::5',
        ]);
        expect(wiring("192.168.24.170", "::").errors).toEqual([
            'advertisedHost is "192.168.24.170" and bindAddress is "::": Docker publishes :: on IPv6 interfaces only, so clients dialling 192.168.24.170 find nothing; set bindAddress to 0.0.0.0 or to 192.168.24.170',
        ]);
    });

    it("refuses a bind for other machines that still advertises loopback, blaming the default it comes from", () => {
        expect(wiring("127.0.0.1", "0.0.0.0", { advertisedHost: false, bindAddress: true }).errors).toEqual([
            'advertisedHost is "127.0.0.1" and bindAddress is "0.0.0.0": the ports are open to other machines, but every broker tells clients to come back to 127.0.0.1, which on another machine is that machine itself, so only this host could connect; set advertisedHost to this host\'s address or DNS name as other machines reach it (it defaults to 127.0.0.1)',
        ]);
        expect(wiring("127.0.0.1", "192.168.24.170", { advertisedHost: false, bindAddress: true }).errors).toEqual([
            'advertisedHost is "127.0.0.1" and bindAddress is "192.168.24.170": clients would dial 127.0.0.1, but the ports are published only on 192.168.24.170, so nothing answers them; set advertisedHost to 192.168.24.170',
        ]);
    });

    it("refuses localhost when the ports are on a LAN address", () => {
        expect(wiring("localhost", "192.168.24.170").errors).toEqual([
            'advertisedHost is "localhost" and bindAddress is "192.168.24.170": "localhost" resolves to this machine\'s loopback, where nothing is published, and on other machines to their own; set advertisedHost to 192.168.24.170',
        ]);
    });

    it("warns where only name resolution decides", () => {
        expect(wiring("localhost", "127.0.0.1")).toEqual({
            errors: [],
            warnings: [
                'advertisedHost is "localhost", which often resolves to ::1 before 127.0.0.1; clients that try only the first address fail because the ports are published on 127.0.0.1 only. Prefer advertisedHost 127.0.0.1',
            ],
        });
        expect(wiring("kafka.example.com", "127.0.0.1")).toEqual({
            errors: [],
            warnings: [
                'advertisedHost is "kafka.example.com" but the ports are published on 127.0.0.1 only, so the name must resolve to 127.0.0.1 on every client and no other machine can connect; for remote clients set bindAddress to this host\'s address on their network',
            ],
        });
    });
});

describe("IPv6 in addresses clients are given", () => {
    it("brackets IPv6 hosts in host:port and URLs, and nothing else", () => {
        expect(hostForUrl("::1")).toBe("[::1]");
        expect(hostForUrl("127.0.0.1")).toBe("127.0.0.1");
        expect(hostForUrl("kafka.example.com.")).toBe("kafka.example.com.");
        expect(brokerListeners(2, { advertisedHost: "fd00::5", externalPortBase: 19092 }).advertisedListeners).toBe(
            "INTERNAL://kafka-2:19092,EXTERNAL://[fd00::5]:19093",
        );
    });
});

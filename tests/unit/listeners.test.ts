import * as fc from "fast-check";
import { bootstrapBrokerIds, brokerIds, brokerListeners } from "../../lib/render/listeners";

describe("listener wiring (DESIGN.md §2)", () => {
    it.each([
        [1, ["INTERNAL://kafka-1:19092,EXTERNAL://127.0.0.1:19092"]],
        [
            3,
            [
                "INTERNAL://kafka-1:19092,EXTERNAL://127.0.0.1:19092",
                "INTERNAL://kafka-2:19092,EXTERNAL://127.0.0.1:19093",
                "INTERNAL://kafka-3:19092,EXTERNAL://127.0.0.1:19094",
            ],
        ],
        [
            5,
            [
                "INTERNAL://kafka-1:19092,EXTERNAL://127.0.0.1:19092",
                "INTERNAL://kafka-2:19092,EXTERNAL://127.0.0.1:19093",
                "INTERNAL://kafka-3:19092,EXTERNAL://127.0.0.1:19094",
                "INTERNAL://kafka-4:19092,EXTERNAL://127.0.0.1:19095",
                "INTERNAL://kafka-5:19092,EXTERNAL://127.0.0.1:19096",
            ],
        ],
    ])("advertises %i broker(s) on their own alias and host port", (count, expected) => {
        const wiring = brokerIds(count).map((id) => brokerListeners(id, { advertisedHost: "127.0.0.1", externalPortBase: 19092 }));
        expect(wiring.map((broker) => broker.advertisedListeners)).toEqual(expected);
        for (const broker of wiring) {
            expect(broker.listeners).toBe("INTERNAL://0.0.0.0:19092,EXTERNAL://0.0.0.0:9092");
        }
    });

    it("advertises the remote host given, as the tutorial's 192.168.x.x case needs", () => {
        const broker = brokerListeners(2, { advertisedHost: "192.168.24.170", externalPortBase: 9092 });
        expect(broker.advertisedListeners).toBe("INTERNAL://kafka-2:19092,EXTERNAL://192.168.24.170:9093");
        expect(broker.hostPort).toBe(9093);
    });

    it("brackets IPv6 literals", () => {
        expect(brokerListeners(1, { advertisedHost: "fd00::5", externalPortBase: 19092 }).externalAddress).toBe("[fd00::5]:19092");
    });

    it("bootstraps from at most the first three brokers", () => {
        expect(bootstrapBrokerIds(1)).toEqual([1]);
        expect(bootstrapBrokerIds(3)).toEqual([1, 2, 3]);
        expect(bootstrapBrokerIds(9)).toEqual([1, 2, 3]);
    });

    it("gives every broker distinct host ports, aliases and internal addresses, for any count and base", () => {
        fc.assert(
            fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1024, max: 65535 - 50 }), (count, base) => {
                const wiring = brokerIds(count).map((id) => brokerListeners(id, { advertisedHost: "10.0.0.7", externalPortBase: base }));
                const ports = wiring.map((broker) => broker.hostPort);
                expect(new Set(ports).size).toBe(count);
                expect(new Set(wiring.map((broker) => broker.alias)).size).toBe(count);
                expect(Math.min(...ports)).toBe(base);
                expect(Math.max(...ports)).toBe(base + count - 1);
                for (const broker of wiring) {
                    // Each advertised EXTERNAL address is exactly the published host port, and
                    // the INTERNAL one is the broker's own alias: the pair clients depend on.
                    expect(broker.advertisedListeners).toBe(`INTERNAL://kafka-${broker.brokerId}:19092,EXTERNAL://10.0.0.7:${broker.hostPort}`);
                }
            }),
        );
    });
});

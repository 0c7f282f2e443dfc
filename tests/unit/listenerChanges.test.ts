import { listenerChangeWarnings } from "../../lib/config/listenerChanges";

const before = [
    { id: 1, advertisedListeners: "INTERNAL://kafka-1:19092,EXTERNAL://127.0.0.1:19092" },
    { id: 2, advertisedListeners: "INTERNAL://kafka-2:19092,EXTERNAL://127.0.0.1:19093" },
];
const remote = [
    { id: 1, advertisedListeners: "INTERNAL://kafka-1:19092,EXTERNAL://192.168.24.170:19092" },
    { id: 2, advertisedListeners: "INTERNAL://kafka-2:19092,EXTERNAL://192.168.24.170:19093" },
];

describe("warnings about advertised listeners changing under clients", () => {
    it("says a parallel rollout replaces every changed broker at once", () => {
        expect(listenerChangeWarnings(before, remote, "parallel")).toEqual([
            "the advertised listeners of brokers 1, 2 change, so their containers are replaced all at once (brokerRollout parallel): the cluster is unavailable until they are back; clients configured with the old bootstrap addresses can no longer connect: give them the new externalBootstrapServers output",
        ]);
    });

    it("names the one broker a rolling change replaces", () => {
        expect(listenerChangeWarnings(before, [before[0]!, remote[1]!], "rolling")).toEqual([
            "the advertised listeners of broker 2 change, so its container is replaced one at a time (brokerRollout rolling); clients configured with the old bootstrap addresses can no longer connect: give them the new externalBootstrapServers output",
        ]);
    });

    it("stays quiet for a new stack, unchanged brokers and added brokers", () => {
        expect(listenerChangeWarnings(undefined, remote, "parallel")).toEqual([]);
        expect(listenerChangeWarnings(before, before, "parallel")).toEqual([]);
        expect(listenerChangeWarnings(before, [...before, { id: 3, advertisedListeners: "x" }], "parallel")).toEqual([]);
    });
});

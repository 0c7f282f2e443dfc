import { parseRunLines, renderSoakTable, soakRows } from "../../e2e/support/soakTable";

describe("the soak table", () => {
    const lines = parseRunLines(
        [
            '{"scenario":"rolling replacement","missing":0,"longestAckGapSeconds":1.5,"recoverySeconds":80}',
            '{"scenario":"parallel rollout","missing":0,"longestAckGapSeconds":70.2,"recoverySeconds":95}',
            '{"scenario":"rolling replacement","missing":2,"longestAckGapSeconds":3.1,"recoverySeconds":120}',
            '{"scenario":"rolling replacement","missing":0,"longestAckGapSeconds":0.9,"recoverySeconds":100}',
            '{"scenario":"parallel rollout","missing":0,"longestAckGapSeconds":64,"recoverySeconds":null}',
            "",
        ].join("\n"),
    );

    it("sums missing, takes the worst unavailability and the median and worst recovery per scenario", () => {
        expect(soakRows(lines)).toEqual([
            { scenario: "rolling replacement", runs: 3, missing: 2, maxUnavailabilitySeconds: 3.1, p50RecoverySeconds: 100, maxRecoverySeconds: 120 },
            { scenario: "parallel rollout", runs: 2, missing: 0, maxUnavailabilitySeconds: 70.2, p50RecoverySeconds: 95, maxRecoverySeconds: Number.NaN },
        ]);
    });

    it("renders one Markdown row per scenario, a run that never recovered as never", () => {
        const table = renderSoakTable(soakRows(lines)).split("\n");
        expect(table[0]).toBe("| scenario | runs | missing (sum) | max unavailability | p50 / max recovery |");
        expect(table[2]).toBe("| rolling replacement | 3 | 2 | 3.1 s | 100 s / 120 s |");
        expect(table[3]).toBe("| parallel rollout | 2 | 0 | 70.2 s | 95 s / never |");
    });
});

import { awaitAcknowledged, Placement, RunningTool, startVerifiableProducer, verdictOf, LoadOptions } from "./verifiable";
import { report } from "./report";
import type { Verdict } from "./verdict";

// The pattern every "nothing acknowledged is lost" scenario follows: start Kafka's
// VerifiableProducer, let it get going, run the operation under it, let it write
// on afterwards so the last changed broker takes writes again, then stop it, read
// the topic back and judge, also when the operation failed half-way.

export interface UnderLoadOptions {
    /** Acknowledgements before the operation starts, so the load is flowing. @default 300 */
    readonly warmupAcks?: number;
    /** Acknowledgements after it ends. @default 600 */
    readonly settleAcks?: number;
}

export type JudgedVerdict = Verdict & { readonly recordsInTopic: number; readonly unreadRecords: number };

/**
 * Runs `operation` under the producer and hands the verdict to `judge` (which
 * records figures and asserts); `result` is undefined when the operation threw.
 */
export async function underVerifiableProducer<T>(
    placement: Placement,
    load: LoadOptions,
    operation: (producer: RunningTool) => Promise<T>,
    judge: (verdict: JudgedVerdict, result: T | undefined) => void | Promise<void>,
    options: UnderLoadOptions = {},
): Promise<T> {
    const producer = await startVerifiableProducer(placement, load);
    let result: T | undefined;
    try {
        await awaitAcknowledged(producer, options.warmupAcks ?? 300);
        result = await operation(producer);
        await awaitAcknowledged(producer, producer.acknowledged() + (options.settleAcks ?? 600));
    } finally {
        await judge(await verdictOf(placement, producer, load.topic), result);
    }
    return result;
}

/**
 * The durability assertion every such scenario ends with: something was
 * acknowledged, and nothing acknowledged is missing. Reports the counts first,
 * so a failure's log says how much was at stake.
 */
export function expectNoneMissing(label: string, verdict: Verdict): void {
    report(
        `${label}: acknowledged ${verdict.acknowledged}, consumed ${verdict.consumed}, missing ${verdict.missing} ${verdict.missingExamples.join(" ")}, ` +
            `duplicates ${verdict.duplicates}, failed sends ${verdict.failedSends}, longest gap between acks ${verdict.longestAckGapSeconds} s`,
    );
    expect(verdict.acknowledged).toBeGreaterThan(0);
    expect({ missing: verdict.missing, examples: verdict.missingExamples }).toEqual({ missing: 0, examples: [] });
}

import { awaitAcknowledged, Placement, RunningTool, startVerifiableProducer, verdictOf, LoadOptions } from "./verifiable";
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

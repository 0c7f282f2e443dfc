// Waiting in the e2e suite: for a while, or until something the suite watches
// comes true (a healthcheck, the UI listing topics, a broker reporting lag).

export function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs `attempt` until `done` accepts its result or `timeoutMs` has passed,
 * `intervalMs` apart, and returns the last result either way: the caller asserts
 * on it, or explains from it what never came true.
 */
export async function pollUntil<T>(attempt: () => Promise<T>, done: (result: T) => boolean, options: { timeoutMs: number; intervalMs: number }): Promise<T> {
    const deadline = Date.now() + options.timeoutMs;
    for (;;) {
        const result = await attempt();
        if (done(result) || Date.now() > deadline) {
            return result;
        }
        await sleep(options.intervalMs);
    }
}

// Scenarios that build on each other's state: once one fails, the rest of its
// file fails at once with the name of the culprit instead of running against a
// stack in an unknown state. Nothing is skipped silently.

export function scenarioSequence(): (name: string, body: () => Promise<void>, timeoutMs?: number) => void {
    let failed: string | undefined;
    return (name, body, timeoutMs) => {
        test(
            name,
            async () => {
                if (failed !== undefined) {
                    throw new Error(`not run: it builds on "${failed}", which failed`);
                }
                try {
                    await body();
                } catch (error) {
                    failed = name;
                    throw error;
                }
            },
            timeoutMs,
        );
    };
}

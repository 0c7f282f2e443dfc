// kafka-ui as a browser or script reaches it: over the published port on the host.
import { pollUntil } from "./poll";

export interface UiResponse {
    readonly status: number;
    readonly body: string;
}

export async function uiGet(url: string, credentials?: { username: string; password: string }): Promise<UiResponse> {
    const headers: Record<string, string> = {};
    if (credentials) {
        headers.authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;
    }
    const response = await fetch(url, { headers, redirect: "manual", signal: AbortSignal.timeout(10_000) });
    return { status: response.status, body: await response.text() };
}

/** The UI connects to Kafka in the background after it reports healthy; give it a minute to list topics. */
export async function uiTopics(baseUrl: string, cluster: string, credentials?: { username: string; password: string }): Promise<UiResponse> {
    const url = `${baseUrl}/api/clusters/${encodeURIComponent(cluster)}/topics`;
    return pollUntil(
        () => uiGet(url, credentials).catch((error: unknown) => ({ status: 0, body: String(error) })),
        (response) => response.status === 200,
        { timeoutMs: 60_000, intervalMs: 2_000 },
    );
}

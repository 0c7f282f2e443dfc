import * as http from "node:http";

// Requests against Nginx from the host, as a browser or load balancer would send
// them. Nginx hands back each request's id (X-Request-Id, its $request_id), which
// is what the suite then looks for in Kafka.

export interface RequestRun {
    /** Request ids Nginx answered with, in completion order. */
    readonly ids: string[];
    /** Responses by status code; connection errors under "error". */
    readonly statuses: Record<string, number>;
    readonly seconds: number;
}

export interface RequestOptions {
    /** Requests in flight at once. */
    readonly concurrency: number;
    /** Spread the requests evenly at this rate; as fast as possible when absent. */
    readonly perSecond?: number;
    /** Keep going past `count` while this holds, e.g. until a change running alongside has finished. */
    readonly continueWhile?: () => boolean;
    /** Called after each completed request with how many are done, e.g. to interrupt something mid-stream. */
    readonly onProgress?: (done: number) => void;
}

/** At least `count` GET requests; each answer's request id is recorded. */
export async function sendRequests(baseUrl: string, count: number, options: RequestOptions): Promise<RequestRun> {
    const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
    const ids: string[] = [];
    const statuses: Record<string, number> = {};
    const started = Date.now();
    let next = 0;
    let done = 0;
    const worker = async () => {
        for (;;) {
            if (next >= count && !options.continueWhile?.()) {
                return;
            }
            const index = next++;
            if (options.perSecond) {
                const due = started + (index * 1000) / options.perSecond;
                const wait = due - Date.now();
                if (wait > 0) {
                    await new Promise((resolve) => setTimeout(resolve, wait));
                }
            }
            const result = await get(`${baseUrl}/?n=${index}`, agent);
            statuses[result.status] = (statuses[result.status] ?? 0) + 1;
            if (result.requestId) {
                ids.push(result.requestId);
            }
            done += 1;
            options.onProgress?.(done);
        }
    };
    try {
        await Promise.all(Array.from({ length: options.concurrency }, worker));
    } finally {
        agent.destroy();
    }
    return { ids, statuses, seconds: (Date.now() - started) / 1000 };
}

function get(url: string, agent: http.Agent): Promise<{ status: string; requestId?: string }> {
    return new Promise((resolve) => {
        const request = http.get(url, { agent, headers: { "User-Agent": "kafka-cluster-e2e/1.0" }, timeout: 10_000 }, (response) => {
            response.resume();
            response.on("end", () => {
                const header = response.headers["x-request-id"];
                resolve({ status: String(response.statusCode), requestId: typeof header === "string" ? header : undefined });
            });
        });
        request.on("timeout", () => request.destroy(new Error("timeout")));
        request.on("error", () => resolve({ status: "error" }));
    });
}

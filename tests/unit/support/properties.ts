/** A Java properties file (server.properties, zoo.cfg) as the key/value map Kafka and ZooKeeper read. */
export function parseProperties(text: string): Record<string, string> {
    return Object.fromEntries(
        text
            .split("\n")
            .filter((line) => line && !line.startsWith("#"))
            .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
}

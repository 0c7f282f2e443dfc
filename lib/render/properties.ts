// Java properties files (server.properties, client settings) as Kafka reads them.

/**
 * java.util.Properties treats a backslash as an escape, drops leading blanks and
 * reads the file as ISO-8859-1, so anything beyond Latin-1 goes in as \uXXXX.
 */
export function escapePropertyValue(value: string): string {
    return value
        .replace(/\\/g, "\\\\")
        .replace(/^\s/, (blank) => `\\${blank}`)
        .replace(/[\u0100-\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

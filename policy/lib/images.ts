// When is an image reference pinned? A tag other than `latest`, an @sha256: digest,
// or a bare sha256: image id (what a RemoteImage's imageId resolves to).

export type PinProblem = "untagged" | "latest" | "bad-digest";

/** Both an image id and the digest after `@` have this form. */
const SHA256 = /^sha256:[0-9a-f]{64}$/;

export function imagePinProblem(reference: string): PinProblem | undefined {
    if (SHA256.test(reference)) {
        return undefined;
    }
    const at = reference.indexOf("@");
    if (at >= 0) {
        return SHA256.test(reference.slice(at + 1)) ? undefined : "bad-digest";
    }
    // A colon before the last slash is a registry port (registry:5000/kafka), not a tag.
    const colon = reference.lastIndexOf(":");
    if (colon <= reference.lastIndexOf("/")) {
        return "untagged";
    }
    return reference.slice(colon + 1) === "latest" ? "latest" : undefined;
}

export const PIN_REASONS: Record<PinProblem, string> = {
    untagged: "an untagged name means :latest",
    latest: ":latest moves to whatever the registry serves next",
    "bad-digest": "the @ digest is not sha256: followed by 64 hex digits",
};

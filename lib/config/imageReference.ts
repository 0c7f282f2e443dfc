import { ConfigProblems, readString } from "./problems";

// An image must name one fixed version: a moving tag (`latest`, or no tag at all,
// which means latest) lets a later `pulumi up` replace every container with
// whatever the registry serves that day.

export type ImagePinProblem = "untagged" | "latest" | "malformed";

const REFERENCE = /^(?<repository>[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$/;

export function imagePinProblem(reference: string): ImagePinProblem | undefined {
    const match = REFERENCE.exec(reference);
    if (!match?.groups) {
        return "malformed";
    }
    const { tag, digest } = match.groups;
    if (digest) {
        return undefined;
    }
    if (!tag) {
        return "untagged";
    }
    return tag === "latest" ? "latest" : undefined;
}

export function describeImagePinProblem(key: string, reference: string, problem: ImagePinProblem): string {
    switch (problem) {
        case "malformed":
            return `${key} is ${JSON.stringify(reference)} but must be an image reference like apache/kafka:3.9.1`;
        case "untagged":
            return `${key} is ${JSON.stringify(reference)} but must be pinned to a version (add a tag like :3.9.1 or an @sha256: digest); an untagged name means :latest`;
        case "latest":
            return `${key} is ${JSON.stringify(reference)} but must be pinned to a version; :latest moves, so a later pulumi up could replace containers with an image nobody reviewed`;
    }
}

/** A config value that must name a pinned image; records a problem otherwise. */
export function readPinnedImage(problems: ConfigProblems, key: string, raw: unknown): string | undefined {
    const image = readString(problems, key, raw);
    const problem = image === undefined ? undefined : imagePinProblem(image);
    if (image !== undefined && problem) {
        problems.add(describeImagePinProblem(key, image, problem));
        return undefined;
    }
    return image;
}

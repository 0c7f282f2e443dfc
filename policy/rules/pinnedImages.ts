import { ResourceValidationPolicy } from "@pulumi/policy";
import { imagePinProblem, PIN_REASONS } from "../lib/images";
import { CONTAINER, ContainerInputs, describe, REMOTE_IMAGE, RemoteImageInputs } from "../lib/resources";

// A moving tag lets a later `pulumi up` replace every broker with an image nobody reviewed.

export const pinnedImages: ResourceValidationPolicy = {
    name: "pinned-images",
    description:
        "Container images and pulled images are pinned to a version: a tag other than :latest, an @sha256: digest or a sha256: image id.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        const image = imageField(args.type, args.props);
        if (image?.reference === undefined) {
            return;
        }
        const problem = imagePinProblem(image.reference);
        if (problem !== undefined) {
            reportViolation(
                `${describe(args)} ${image.field} ${JSON.stringify(image.reference)} is not pinned: ` +
                    `${PIN_REASONS[problem]}; pin a version tag (apache/kafka:3.9.1) or an @sha256: digest`,
            );
        }
    },
};

function imageField(type: string, props: unknown): { field: string; reference?: string } | undefined {
    switch (type) {
        case CONTAINER:
            return { field: "image", reference: (props as ContainerInputs).image };
        case REMOTE_IMAGE:
            return { field: "name", reference: (props as RemoteImageInputs).name };
        default:
            return undefined;
    }
}

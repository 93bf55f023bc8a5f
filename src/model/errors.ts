/** The errors the library throws for a call it cannot serve (the CLI turns them into exit 2). */

/** An option the library cannot use: an unknown variant, a release that is not X.Y.Z, a bad `--set`. */
export class OptionError extends Error {}

/** Input that cannot be used as asked: several documents where one is needed, a missing launch-template version. */
export class InputError extends Error {}

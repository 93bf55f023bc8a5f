/** A mistake in how brud was called: reported as `brud: …` with exit code 2, never with a stack trace. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose --help to point at. */
    readonly command?: string,
  ) {
    super(message);
  }
}

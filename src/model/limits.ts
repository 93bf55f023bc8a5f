/**
 * The bounds brud works within, in one place (docs/limits.md explains each). Every cost in brud is
 * linear in the input or capped by one of these.
 */

/** Inputs above this size are refused before parsing (EC2 itself caps user-data at 16 KB). */
export const MAX_INPUT_BYTES = 1024 * 1024;

/** EC2's limit on user-data: raw bytes before base64 (AWS EC2 User Guide, "Work with instance user data"). */
export const EC2_USER_DATA_LIMIT = 16 * 1024;

/**
 * Bottlerocket's TOML parser (toml_edit 0.22, `RecursionCheck`, LIMIT = 80) rejects a value nested this
 * deep, and a key with this many dotted parts: at most one less is accepted.
 */
export const TOML_RECURSION_LIMIT = 80;

/**
 * Diagnostics listed per document; the rest are counted (errorCount, warningCount) and summarized as
 * "N more", so that a document of 100,000 unknown keys cannot produce an unbounded report.
 */
export const MAX_DIAGNOSTICS_PER_DOCUMENT = 1000;

/** "1 MB" for messages. */
export function sizeText(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : bytes % 1024 === 0 ? `${bytes / 1024} KB` : `${bytes} bytes`;
}

/**
 * Tables and arrays nested under `settings` beyond this depth are refused (`parse/too-deep`). Dotted keys
 * inside nested inline tables build trees far deeper than toml_edit's per-value limit (79 inline tables ×
 * 78 dotted parts ≈ 6,200 levels) that Bottlerocket's parser accepts; no setting in Bottlerocket's model
 * is more than a few tables deep, so such a tree holds a key the model does not know and Bottlerocket
 * rejects the user-data either way. Stopping here keeps every walk over the tree within the stack.
 */
export const MAX_SETTINGS_DEPTH = 128;

/**
 * Positions are recorded for paths at most this deep. Findings never point deeper: settings nested
 * beyond MAX_SETTINGS_DEPTH are refused as a whole, and any other top-level key is reported at the key.
 * A finding on a deeper path points at its ancestor at this depth. This keeps locating linear in the
 * input, where recording every level of a tree thousands of levels deep would be quadratic.
 */
export const MAX_LOCATED_DEPTH = MAX_SETTINGS_DEPTH + 2;

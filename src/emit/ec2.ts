/**
 * EC2 user-data: what `aws ec2 run-instances --user-data` and launch templates carry. EC2 limits
 * user-data to 16 KB of raw bytes before base64 (AWS EC2 User Guide, "Work with instance user data");
 * Bottlerocket accepts gzip and detects it by its magic bytes (bottlerocket-core-kit
 * early-boot-config-provider/src/compression.rs), so with gzip the limit applies to the compressed bytes.
 */
import { EC2_USER_DATA_LIMIT } from '../model/limits.js';
import { encodeBase64 } from '../util/base64.js';
import { gzip } from '../util/platform.js';

export interface Encoded {
  /** The bytes EC2 stores (the TOML, or its gzip). */
  bytes: Uint8Array;
  base64: string;
  gzip: boolean;
}

export class BudgetError extends Error {}

/** gzip with a fixed header (no timestamp, no name), so that equal input gives equal bytes. */
export function gzipDeterministic(data: Uint8Array): Uint8Array {
  const out = gzip(data);
  out.fill(0, 4, 8); // MTIME
  out[9] = 255; // OS: unknown
  return out;
}

export function encodeUserData(toml: string, options: { gzip?: boolean } = {}): Encoded {
  const raw = new TextEncoder().encode(toml);
  const bytes = options.gzip ? gzipDeterministic(raw) : raw;
  if (bytes.length > EC2_USER_DATA_LIMIT) {
    const zipped = options.gzip ? bytes.length : gzipDeterministic(raw).length;
    const hint = options.gzip
      ? 'it does not fit even compressed: move large values (scripts, certificates) into a bootstrap container image or fetch them at boot'
      : zipped <= EC2_USER_DATA_LIMIT
        ? `with --gzip it would be ${zipped} bytes and fit (Bottlerocket decompresses gzip user-data)`
        : `gzip would only bring it to ${zipped} bytes, still over: move large values into a bootstrap container image`;
    throw new BudgetError(
      `user-data is ${bytes.length} bytes${options.gzip ? ' gzipped' : ''}; EC2 accepts at most ${EC2_USER_DATA_LIMIT} bytes before base64: ${hint}`,
    );
  }
  return { bytes, base64: encodeBase64(bytes), gzip: Boolean(options.gzip) };
}

/** LaunchTemplateData for `aws ec2 create-launch-template-version --launch-template-data file://…`. */
export function launchTemplateData(encoded: Encoded): string {
  return JSON.stringify({ UserData: encoded.base64 }, null, 2) + '\n';
}

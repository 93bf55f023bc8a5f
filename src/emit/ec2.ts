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

/** How user-data of `bytes` stored bytes stands against EC2's limit; `gzipped` says whether they are gzip already. */
export type Ec2Budget =
  | { fits: true; bytes: number }
  | { fits: false; bytes: number; gzipped: true }
  | { fits: false; bytes: number; gzipped: false; zipped: number; zippedFits: boolean };

/**
 * Whether EC2 accepts user-data whose stored bytes are `stored` (the TOML, or its gzip), and, when it
 * does not and they are not gzip yet, how many bytes gzip would make of the TOML text `raw`. `compile`
 * and `check` both ask here, so the limit and the advice have one home.
 */
export function ec2Budget(stored: number, gzipped: boolean, raw: () => Uint8Array): Ec2Budget {
  if (stored <= EC2_USER_DATA_LIMIT) return { fits: true, bytes: stored };
  if (gzipped) return { fits: false, bytes: stored, gzipped: true };
  const zipped = gzipDeterministic(raw()).length;
  return { fits: false, bytes: stored, gzipped: false, zipped, zippedFits: zipped <= EC2_USER_DATA_LIMIT };
}

export function encodeUserData(toml: string, options: { gzip?: boolean } = {}): Encoded {
  const raw = new TextEncoder().encode(toml);
  const bytes = options.gzip ? gzipDeterministic(raw) : raw;
  const budget = ec2Budget(bytes.length, Boolean(options.gzip), () => raw);
  if (!budget.fits) {
    const hint = budget.gzipped
      ? 'it does not fit even compressed: move large values (scripts, certificates) into a bootstrap container image or fetch them at boot'
      : budget.zippedFits
        ? `with --gzip it would be ${budget.zipped} bytes and fit (Bottlerocket decompresses gzip user-data)`
        : `gzip would only bring it to ${budget.zipped} bytes, still over: move large values into a bootstrap container image`;
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

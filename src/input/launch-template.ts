/**
 * Launch-template JSON, in the shapes the AWS CLI prints or takes: `describe-launch-template-versions`
 * (`LaunchTemplateVersions[].LaunchTemplateData.UserData`), `get-launch-template-data`
 * (`LaunchTemplateData.UserData`), and a bare `{ "UserData": … }`.
 */
import { verdict } from '../rules/verdicts.js';
import { decodeBase64, isPaddedBase64 } from '../util/base64.js';

export interface UserDataSlot {
  /** Where in the JSON, e.g. `LaunchTemplateVersions[0], version 3`. */
  where: string;
  /** The launch-template version number, when the JSON lists versions. */
  version?: number;
  data: unknown;
}

/** The places the JSON keeps user-data, or undefined when it is not launch-template JSON. */
export function findUserData(json: unknown): UserDataSlot[] | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const o = json as Record<string, unknown>;
  if (Array.isArray(o.LaunchTemplateVersions)) {
    return o.LaunchTemplateVersions.map((v: unknown, i: number) => {
      const version = (v as { VersionNumber?: unknown } | null)?.VersionNumber;
      const data = (v as { LaunchTemplateData?: { UserData?: unknown } } | null)?.LaunchTemplateData?.UserData;
      const numbered = typeof version === 'number' ? { version } : {};
      return { where: `LaunchTemplateVersions[${i}]${typeof version === 'number' ? `, version ${version}` : ''}`, ...numbered, data };
    });
  }
  if (typeof o.LaunchTemplateData === 'object' && o.LaunchTemplateData !== null) {
    return [{ where: 'LaunchTemplateData.UserData', data: (o.LaunchTemplateData as { UserData?: unknown }).UserData }];
  }
  if (Object.hasOwn(o, 'UserData')) {
    const v = o.UserData;
    const data = typeof v === 'object' && v !== null && 'Value' in v ? v.Value : v;
    return [{ where: 'UserData', data }];
  }
  return undefined;
}

export type SlotContent = { ok: true; bytes: Uint8Array } | { ok: false; finding: ReturnType<typeof verdict> };

/** The user-data bytes a slot carries (base64 text), or the finding that says why there are none. */
export function slotContent(slot: UserDataSlot): SlotContent {
  if (slot.data === undefined) return { ok: false, finding: verdict('input/no-user-data', 'noUserData', {}, { span: 'input' }) };
  if (typeof slot.data !== 'string') return { ok: false, finding: verdict('input/not-toml', 'userDataNotString', {}, { span: 'input' }) };
  const compact = slot.data.replace(/\s+/g, '');
  if (!isPaddedBase64(compact)) return { ok: false, finding: verdict('input/not-toml', 'userDataNotBase64', {}, { span: 'input' }) };
  return { ok: true, bytes: decodeBase64(compact) };
}

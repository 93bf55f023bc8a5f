/**
 * The playground's state in the URL fragment, so a link reproduces what its author saw:
 * `#v=aws-k8s-1.31&r=1.66.0&w=karpenter&g=1&doc=<document>`, the document gzipped and base64url-encoded.
 * Browsers never send the fragment to a server. Reading a fragment never throws: what cannot be read
 * is left out, with a note.
 */
import { MAX_INPUT_BYTES } from '../src/index.js';
import { gunzip, gzip } from './platform.js';

export interface State {
  doc: string;
  variant: string;
  release: string;
  wrapper: string;
  gzip: boolean;
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

export function encodeState(s: State): string {
  const p = new URLSearchParams();
  if (s.variant) p.set('v', s.variant);
  if (s.release) p.set('r', s.release);
  if (s.wrapper) p.set('w', s.wrapper);
  if (s.gzip) p.set('g', '1');
  p.set('doc', toBase64Url(gzip(new TextEncoder().encode(s.doc))));
  return '#' + p.toString();
}

/** The state a fragment holds (fields it lacks are absent), and a note when its document was unreadable. */
export function decodeState(fragment: string): { state: Partial<State>; note?: string } {
  const p = new URLSearchParams(fragment.replace(/^#/, ''));
  const state: Partial<State> = {};
  const v = p.get('v');
  const r = p.get('r');
  const w = p.get('w');
  if (v) state.variant = v;
  if (r) state.release = r;
  if (w) state.wrapper = w;
  if (p.get('g') === '1') state.gzip = true;
  const doc = p.get('doc');
  if (doc === null) return { state };
  try {
    const { bytes } = gunzip(fromBase64Url(doc), MAX_INPUT_BYTES);
    state.doc = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { state };
  } catch (e) {
    return {
      state,
      note: `The link's document could not be read (${(e as Error).message || 'not gzipped base64url'}); showing an example instead.`,
    };
  }
}

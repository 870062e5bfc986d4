// "Share": a link that opens the same page with the same state — every entry and formula the
// student changed, trained weights included, as typed (full precision) — for someone else.
// The state travels in the URL's fragment, which browsers never send to a server:
//
//   https://host/?w=07-backpropagation.md#gs=1.<base64url of {"w": path, "h": hash, "e": edits}>
//
// `w` is the workbook's path (a link opens only the workbook it was made from), `h` the hash of
// the workbook's content when the link was made (a link from another version is applied as far
// as it can be, and says so), `e` the edits (an EditState). The text is read as untrusted input.

import type { EditState } from '../reactive/session.ts';
import { readEditState } from './persist.ts';
import { messages } from '../messages.ts';

export interface SharedState {
  /** The workbook's path ("/workbooks/07-backpropagation.md"). */
  workbook: string;
  /** The content hash of the workbook the link was made from. */
  hash: string;
  edits: EditState;
}

/** The fragment parameter: "#gs=…". */
export const shareParam = 'gs';
const version = '1.';

export class ShareError extends Error {
  override name = 'ShareError';
}

export function encodeShare(state: SharedState): string {
  const json = JSON.stringify({ w: state.workbook, h: state.hash, e: state.edits });
  return version + toBase64url(new TextEncoder().encode(json));
}

/** Reads a shared state; throws a ShareError saying what is wrong with it. */
export function decodeShare(text: string): SharedState {
  if (!text.startsWith(version)) throw new ShareError(messages.shareOtherVersion());
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(text.slice(version.length))));
  } catch {
    throw new ShareError(messages.shareDamaged());
  }
  const { w, h, e } = (value ?? {}) as { w?: unknown; h?: unknown; e?: unknown };
  const edits = readEditState(e);
  if (typeof w !== 'string' || typeof h !== 'string' || !edits) throw new ShareError(messages.shareDamaged());
  return { workbook: w, hash: h, edits };
}

/** `pageHref` with the shared state in its fragment (any other fragment is replaced). */
export function shareLink(pageHref: string, state: SharedState): string {
  const url = new URL(pageHref);
  url.hash = `${shareParam}=${encodeShare(state)}`;
  return url.href;
}

/** The encoded state in a fragment ("#gs=…"), or null when it has none. */
export function sharedInHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get(shareParam);
}

/** The path a workbook URL is known by in a link. */
export function workbookPath(url: string): string {
  return new URL(url).pathname;
}

function toBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

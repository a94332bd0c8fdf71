import { Errors, ValidationError } from './errors.js';
import type { AnyJson } from './types.js';
import { discordErrors } from './validation.js';

/**
 * Uploads as Discord takes them: multipart/form-data with `payload_json` (the JSON body) and `files[n]` parts,
 * which the body's `attachments` array names by `id` = n. Limits: 10 files per message, and 10 MiB in all for a
 * bot in a server without boosts (Discord answers 413 with code 40005 beyond it).
 */

type Json = Record<string, AnyJson>;

export const MAX_FILES = 10;
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** One `files[n]` part of a request. */
export interface UploadedFile {
  /** The form field, e.g. 'files[0]'. */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** An attachment of a stored message, with its bytes (what a member would download). */
export interface StoredAttachment {
  id: string;
  filename: string;
  size: number;
  contentType: string;
  description?: string;
  data: Buffer;
}

export interface MultipartBody {
  fields: Map<string, string>;
  files: UploadedFile[];
}

function boundaryOf(contentType: string): string {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) throw Errors.invalidJson();
  return boundary;
}

/** Splits a multipart/form-data body into its text fields and its files (bytes kept exactly). */
export function parseMultipart(raw: Buffer, contentType: string): MultipartBody {
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`);
  const fields = new Map<string, string>();
  const files: UploadedFile[] = [];
  let at = raw.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    // '--' after the delimiter closes the body.
    if (raw.subarray(start, start + 2).toString('latin1') === '--') break;
    const next = raw.indexOf(delimiter, start);
    if (next === -1) break;
    // Each part: CRLF, headers, CRLF CRLF, content, CRLF before the next delimiter.
    const part = raw.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const content = part.subarray(split + 4);
    const disposition = /content-disposition:[^\r\n]*/i.exec(head)?.[0] ?? '';
    const name = /\bname="([^"]*)"/.exec(disposition)?.[1] ?? '';
    const filename = /\bfilename="([^"]*)"/.exec(disposition)?.[1];
    if (filename === undefined) fields.set(name, content.toString('utf8'));
    else {
      const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim() ?? 'application/octet-stream';
      files.push({ field: name, filename, contentType: type, data: Buffer.from(content) });
    }
    at = next;
  }
  return { fields, files };
}

/** 413/40005 beyond 10 MiB in all; 50035 beyond 10 files or for a part that is not `files[n]`. */
export function checkUploadLimits(files: UploadedFile[]): void {
  const total = files.reduce((n, f) => n + f.data.length, 0);
  if (total > MAX_UPLOAD_BYTES) throw Errors.requestEntityTooLarge();
  const issues: Array<{ path: Array<string | number>; code: string; message: string }> = [];
  if (files.length > MAX_FILES) {
    issues.push({
      path: ['attachments'],
      code: 'BASE_TYPE_MAX_LENGTH',
      message: `Must be ${MAX_FILES} or fewer in length.`,
    });
  }
  for (const f of files) {
    if (!/^files\[\d+\]$/.test(f.field) || f.filename === '') {
      issues.push({ path: [f.field], code: 'BASE_TYPE_INVALID', message: 'Invalid file upload.' });
    }
  }
  if (issues.length) throw new ValidationError(400, 50035, 'Invalid Form Body', discordErrors(issues));
}

/** Discord derives the type from the file name; the part's own type is the fallback. */
function contentTypeOf(file: UploadedFile): string {
  if (/\.png$/i.test(file.filename)) return 'image/png';
  if (/\.ics$/i.test(file.filename)) return 'text/calendar; charset=utf-8';
  return file.contentType;
}

/**
 * The attachments a message ends up with: the body's `attachments` entries, each either an upload (`id` = n of
 * `files[n]`) or an attachment the message already has (an edit keeping it). Without an `attachments` array every
 * upload is added to what the message had.
 */
export function resolveAttachments(
  body: Json | undefined,
  files: UploadedFile[],
  existing: StoredAttachment[],
  newId: () => string,
): StoredAttachment[] {
  const uploadByIndex = new Map(
    files.map((f) => [Number(/^files\[(\d+)\]$/.exec(f.field)?.[1] ?? -1), f] as const),
  );
  const fromUpload = (f: UploadedFile, description?: unknown): StoredAttachment => ({
    id: newId(),
    filename: f.filename,
    size: f.data.length,
    contentType: contentTypeOf(f),
    ...(typeof description === 'string' ? { description } : {}),
    data: f.data,
  });
  const listed: unknown = body?.attachments;
  if (!Array.isArray(listed)) return [...existing, ...files.map((f) => fromUpload(f))];
  const issues: Array<{ path: Array<string | number>; code: string; message: string }> = [];
  const out: StoredAttachment[] = [];
  listed.forEach((a: Json, i) => {
    const kept = existing.find((e) => e.id === String(a?.id));
    const upload = uploadByIndex.get(Number(a?.id));
    if (kept) out.push(kept);
    else if (upload && /^\d{1,2}$/.test(String(a?.id))) out.push(fromUpload(upload, a?.description));
    else {
      issues.push({
        path: ['attachments', i, 'id'],
        code: 'ATTACHMENT_NOT_FOUND',
        message: `Attachment ${String(a?.id)} was not uploaded.`,
      });
    }
  });
  if (issues.length) throw new ValidationError(400, 50035, 'Invalid Form Body', discordErrors(issues));
  return out;
}

/** The attachment objects Discord puts in a message. */
export function publicAttachments(list: StoredAttachment[], baseUrl: string, channelId: string): Json[] {
  return list.map((a) => {
    const url = `${baseUrl}/attachments/${channelId}/${a.id}/${encodeURIComponent(a.filename)}`;
    return {
      id: a.id,
      filename: a.filename,
      size: a.size,
      url,
      proxy_url: url,
      content_type: a.contentType,
      ...(a.description ? { description: a.description } : {}),
    };
  });
}

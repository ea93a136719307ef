// Concern photos: presigned uploads, the check before a photo is attached, short-lived view URLs, and erasure.
// Limits are enforced twice: the upload URL signs the declared type and size (S3 refuses anything else), and
// attaching reads the stored object's real size and type (a stale or forged upload is refused and deleted).
import { CONCERN_RULES } from '@shared/rules/concerns';
import type { Photo, PhotoUpload, PhotoUploadBody } from '@shared/schemas/concerns';
import { ValidationError } from '../core/errors';
import { newId } from '../core/ids';
import { copyObject, deleteObjects, headObject, presignGet, presignPut } from '../core/storage';
import { removeTimelinePhotos, timelinePhotos } from './concerns.repository';
import { photoKeys } from './photo.entity';
import type { Infer } from '@shared/schemas/lazy';

const RULES = CONCERN_RULES.photos;
const TYPES: readonly string[] = RULES.types;

export async function photoUpload(userId: string, body: Infer<typeof PhotoUploadBody>): Promise<PhotoUpload> {
  const photoId = newId();
  const uploadUrl = await presignPut(photoKeys.upload(userId, photoId), body.contentType, body.size, RULES.uploadSeconds);
  return { photoId, uploadUrl, headers: { 'content-type': body.contentType }, expiresAt: new Date(Date.now() + RULES.uploadSeconds * 1000).toISOString() };
}

const refused = (message: string) => new ValidationError(message, [{ path: 'photos', message }]);

/**
 * Moves the caller's uploads `photoIds` under the concern after checking each one; returns the stored keys. Nothing is
 * copied unless every photo passes. A photo that breaks the limits is deleted.
 */
export async function attachPhotos(userId: string, concernId: string, photoIds: string[] | undefined): Promise<string[]> {
  if (!photoIds?.length) return [];
  if (new Set(photoIds).size !== photoIds.length) throw refused('同一张照片只能添加一次');
  const uploads = photoIds.map((id) => photoKeys.upload(userId, id));
  const heads = await Promise.all(uploads.map(headObject));
  if (heads.some((h) => !h)) throw refused('照片未上传完成或已过期，请重新选择');
  const bad = uploads.filter((_, i) => heads[i]!.size > RULES.maxBytes || !TYPES.includes(heads[i]!.contentType ?? ''));
  if (bad.length) {
    await deleteObjects(bad);
    throw refused(`照片须为 JPG、PNG 或 WebP 格式，且不超过 ${RULES.maxBytes / 1024 / 1024} MB`);
  }
  const keys = photoIds.map((id) => photoKeys.photo(concernId, id));
  await Promise.all(uploads.map((from, i) => copyObject(from, keys[i]!)));
  await deleteObjects(uploads);
  return keys;
}

/** View URLs for the keys: signed locally, no request; only call this for a viewer who may see them. */
export function photoViews(keys: string[]): Promise<Photo[]> {
  return Promise.all(keys.map(async (key) => ({ id: photoKeys.idOf(key), url: await presignGet(key, RULES.viewSeconds) })));
}

/** Deletes every photo of a concern (account erasure): the objects first, then the entries' references to them. */
export async function erasePhotosOf(concernId: string): Promise<void> {
  const entries = await timelinePhotos(concernId);
  if (!entries.length) return;
  await deleteObjects(entries.flatMap((e) => e.photoKeys));
  await removeTimelinePhotos(entries.map((e) => e.key));
}

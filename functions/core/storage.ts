// Object storage for photos: one S3 client per container, configured from the environment at cold start. Deployed,
// S3 in the function's own region; locally, s3rver (STORAGE_ENDPOINT). Functions never write files themselves:
// phones upload through short-lived presigned URLs, and photos are shown through short-lived presigned GETs.
import { CopyObjectCommand, DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { config } from './config';

const bucket = process.env.PHOTO_BUCKET;
if (!bucket) throw new Error('Missing required environment variable PHOTO_BUCKET');
/** Set only where s3rver stands in for S3 (its fixed key pair, path-style addresses). */
const endpoint = process.env.STORAGE_ENDPOINT || undefined;

const s3 = new S3Client({
  region: config.region,
  ...(endpoint ? { endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } } : {}),
  maxAttempts: 3,
  // Otherwise a presigned PUT carries the checksum of an empty body, and S3 refuses the real bytes (BadDigest).
  requestChecksumCalculation: 'WHEN_REQUIRED',
});

/** A presigned PUT of exactly `size` bytes of `contentType` (both signed: S3 refuses any other). */
export function presignPut(key: string, contentType: string, size: number, expiresIn: number): Promise<string> {
  return getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType, ContentLength: size }), {
    expiresIn,
    signableHeaders: new Set(['content-type', 'content-length']),
  });
}

export function presignGet(key: string, expiresIn: number): Promise<string> {
  return getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn });
}

/** Size and type of a stored object; undefined when there is none. */
export async function headObject(key: string): Promise<{ size: number; contentType?: string } | undefined> {
  try {
    const out = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { size: Number(out.ContentLength ?? 0), contentType: out.ContentType };
  } catch (err) {
    if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return undefined;
    throw err;
  }
}

export async function copyObject(from: string, to: string): Promise<void> {
  await s3.send(new CopyObjectCommand({ Bucket: bucket, CopySource: `${bucket}/${encodeURIComponent(from).replace(/%2F/g, '/')}`, Key: to }));
}

/** Deletes the keys, 1,000 per request (S3's limit); missing keys are no error. */
export async function deleteObjects(keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 1000) {
    const chunk = keys.slice(i, i + 1000);
    await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: chunk.map((Key) => ({ Key })), Quiet: true } }));
  }
}

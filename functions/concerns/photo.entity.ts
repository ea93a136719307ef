// Where concern photos live in the bucket. An upload lands under its uploader's prefix, which the bucket's lifecycle
// empties after a day (an upload never attached); attaching copies it under the concern, where it stays until the
// resident's account is erased.
const UPLOADS = 'uploads/';
const PHOTOS = 'photos/';

export const photoKeys = {
  /** The lifecycle rule in serverless.yml expires this prefix: keep them in step. */
  uploadsPrefix: UPLOADS,
  /** Only the uploader can attach it: their id is in the key. */
  upload: (userId: string, photoId: string) => `${UPLOADS}${userId}/${photoId}`,
  photo: (concernId: string, photoId: string) => `${PHOTOS}${concernId}/${photoId}`,
  /** The photo id at the end of a stored key. */
  idOf: (key: string) => key.slice(key.lastIndexOf('/') + 1),
};

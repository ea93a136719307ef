// 群众说事 with photos: presigned uploads into s3rver, the limits (count, size, type) checked on the server, photos
// shown only to the resident and the concern's handlers, follow-ups only while open, and erasure deleting the objects.
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CONCERN_RULES } from '@shared/rules/concerns';
import { concernKeys } from '../../functions/concerns/concern.entity';
import { photoKeys } from '../../functions/concerns/photo.entity';
import { LOCAL_PHOTO_BUCKET } from '../../scripts/lib/local-env';
import { S3RVER_CREDENTIALS } from '../../scripts/lib/s3-local';
import { partition } from './db';
import { call, expectError, freshUser } from './http';
import { ownTownship, type OwnTownship } from './own-orgs';
import { withGrant, type Person } from './people';

const s3 = new S3Client({ region: 'cn-northwest-1', endpoint: process.env.STORAGE_ENDPOINT, forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
afterAll(() => s3.destroy());

/** What s3rver holds at `key`: its size, or undefined when there is no object. */
async function stored(key: string): Promise<number | undefined> {
  try {
    return (await s3.send(new HeadObjectCommand({ Bucket: LOCAL_PHOTO_BUCKET, Key: key }))).ContentLength;
  } catch (err) {
    if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return undefined;
    throw err;
  }
}

// A tiny JPEG-looking payload; the server checks size and declared type, the phone compresses real images.
const jpeg = (bytes = 2048, fill = 1) => Buffer.alloc(bytes, fill);

/** Asks for an upload and sends the bytes to the presigned URL, as the mini-program does; returns the photo id. */
async function upload(token: string, body: Buffer = jpeg(), contentType = 'image/jpeg'): Promise<string> {
  const res = await call('concernPhotoUpload', { token, body: { contentType, size: body.length } });
  expect(res.status).toBe(201);
  const put = await fetch(res.body.uploadUrl, { method: 'PUT', headers: res.body.headers, body: new Uint8Array(body) });
  expect(put.status).toBe(200);
  return res.body.photoId;
}

let own: OwnTownship;
let official: Person;
let townshipAdmin: Person;
const raise = (token: string, photos?: string[]) =>
  call('raiseConcern', { token, body: { villageId: own.villageId, category: 'environment', title: '河道有垃圾', content: '村西河道漂浮垃圾很多，请清理。', ...(photos ? { photos } : {}) } });

beforeAll(async () => {
  own = await ownTownship('photos');
  [[official], [townshipAdmin]] = await Promise.all([withGrant('official', own.stationId, 1), withGrant('township_admin', own.townshipId, 1)]);
}, 120_000);

describe('photos on a concern', () => {
  it('are uploaded through a presigned URL, moved under the concern when raised, and shown to its author', async () => {
    // Prepare
    const resident = await freshUser('photo');
    const bytes = jpeg(4096, 7);
    const photoId = await upload(resident.token, bytes);
    expect(await stored(photoKeys.upload(resident.userId, photoId))).toBe(4096);
    // Act
    const raised = await raise(resident.token, [photoId]);
    // Assess: stored under the concern, the upload gone
    expect(raised.status).toBe(201);
    expect(await stored(photoKeys.photo(raised.body.id, photoId))).toBe(4096);
    expect(await stored(photoKeys.upload(resident.userId, photoId))).toBeUndefined();
    // Assess: the author gets a short-lived URL that serves the same bytes
    const read = await call('getConcern', { token: resident.token, params: { id: raised.body.id } });
    const photos = read.body.timeline[0].photos;
    expect(photos).toHaveLength(1);
    expect(photos[0].id).toBe(photoId);
    expect(Number(new URL(photos[0].url).searchParams.get('X-Amz-Expires'))).toBe(CONCERN_RULES.photos.viewSeconds);
    const got = await fetch(photos[0].url);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('get an upload URL that signs the declared size and type, lives 5 minutes and carries no checksum of its own', async () => {
    // S3 refuses a PUT whose headers differ from the signed ones (s3rver does not check: attaching checks again, below).
    const res = await call('concernPhotoUpload', { token: (await freshUser('photo')).token, body: { contentType: 'image/png', size: 1234 } });
    expect(res.status).toBe(201);
    const signed = new URL(res.body.uploadUrl).searchParams;
    expect(signed.get('X-Amz-SignedHeaders')!.split(';')).toEqual(expect.arrayContaining(['content-length', 'content-type']));
    expect(Number(signed.get('X-Amz-Expires'))).toBe(CONCERN_RULES.photos.uploadSeconds);
    // A presigned checksum would be the empty body's, and S3 would refuse the real bytes.
    expect([...signed.keys()].filter((k) => /checksum/i.test(k))).toEqual([]);
    expect(res.body.headers).toEqual({ 'content-type': 'image/png' });
  });

  it('are at most 4 per submission', async () => {
    const resident = await freshUser('photo');
    const ids = await Promise.all(Array.from({ length: 5 }, () => upload(resident.token)));
    const res = await raise(resident.token, ids);
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(res.body)).toContain('最多 4 张照片');
    // Four are fine.
    expect((await raise(resident.token, ids.slice(0, 4))).status).toBe(201);
  });

  it.each([
    ['over the size limit', { contentType: 'image/jpeg', size: CONCERN_RULES.photos.maxBytes + 1 }],
    ['not an image', { contentType: 'text/html', size: 100 }],
    ['a GIF', { contentType: 'image/gif', size: 100 }],
    ['empty', { contentType: 'image/png', size: 0 }],
  ])('get no upload URL when %s', async (_what, body) => {
    expectError(await call('concernPhotoUpload', { token: (await freshUser('photo')).token, body }), 400, 'VALIDATION_FAILED');
  });

  it('are checked again when attached: a stored object over the limit or of another type is refused and deleted', async () => {
    // Prepare: objects put straight into the bucket, past the presigned URL's own limits
    const resident = await freshUser('photo');
    const big = 'big0000000000000000000001';
    const html = 'html000000000000000000001';
    await s3.send(new PutObjectCommand({ Bucket: LOCAL_PHOTO_BUCKET, Key: photoKeys.upload(resident.userId, big), Body: jpeg(CONCERN_RULES.photos.maxBytes + 1), ContentType: 'image/jpeg' }));
    await s3.send(new PutObjectCommand({ Bucket: LOCAL_PHOTO_BUCKET, Key: photoKeys.upload(resident.userId, html), Body: '<html></html>', ContentType: 'text/html' }));
    // Act + Assess
    for (const id of [big, html]) {
      const res = await raise(resident.token, [id]);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(await stored(photoKeys.upload(resident.userId, id))).toBeUndefined();
    }
    // Nothing was filed for them.
    expect((await call('myConcerns', { token: resident.token })).body.items).toEqual([]);
  });

  it('cannot be a photo never uploaded, or someone else’s upload', async () => {
    const [a, b] = await Promise.all([freshUser('photo'), freshUser('photo')]);
    const asked = await call('concernPhotoUpload', { token: a.token, body: { contentType: 'image/jpeg', size: 10 } });
    expectError(await raise(a.token, [asked.body.photoId]), 400, 'VALIDATION_FAILED');
    const theirs = await upload(a.token);
    expectError(await raise(b.token, [theirs]), 400, 'VALIDATION_FAILED');
    expect(await stored(photoKeys.upload(a.userId, theirs))).toBeGreaterThan(0);
  });

  it('are seen by the author, the station’s officials and township admins above; anyone else gets 404', async () => {
    // Prepare
    const resident = await freshUser('photo');
    const raised = await raise(resident.token, [await upload(resident.token)]);
    const other = await ownTownship('photos-other');
    const [[otherOfficial], [otherAdmin]] = await Promise.all([withGrant('official', other.stationId, 1), withGrant('township_admin', other.townshipId, 1)]);
    // Act + Assess
    for (const token of [resident.token, official!.token, townshipAdmin!.token]) {
      const read = await call('getConcern', { token, params: { id: raised.body.id } });
      expect(read.status).toBe(200);
      expect(read.body.timeline[0].photos).toHaveLength(1);
    }
    for (const token of [(await freshUser('nosy')).token, otherOfficial!.token, otherAdmin!.token]) {
      const read = await call('getConcern', { token, params: { id: raised.body.id } });
      expectError(read, 404, 'NOT_FOUND');
      expect(JSON.stringify(read.body)).not.toContain('X-Amz');
    }
  });
});

describe('follow-ups and the resolution', () => {
  it('lets the resident add text and photos while open, officials attach photos when resolving, and no follow-up after', async () => {
    // Prepare
    const resident = await freshUser('photo');
    const raised = await raise(resident.token);
    const id = raised.body.id as string;
    // Act: a follow-up with a photo, while open
    const added = await call('concernFollowUp', { token: resident.token, params: { id }, body: { note: '今天又多了很多垃圾。', photos: [await upload(resident.token)] } });
    // Assess
    expect(added.status).toBe(201);
    expect(added.body.status).toBe('submitted');
    expect(added.body.timeline.at(-1)).toMatchObject({ action: 'follow_up', note: '今天又多了很多垃圾。' });
    expect(added.body.timeline.at(-1).photos).toHaveLength(1);
    // Only the author adds to it.
    expectError(await call('concernFollowUp', { token: official!.token, params: { id }, body: { note: '越权补充' } }), 404, 'NOT_FOUND');
    // Photos only with resolve
    const early = await upload(official!.token);
    expectError(await call('transitionConcern', { token: official!.token, params: { id }, body: { action: 'start', note: '开始', photos: [early] } }), 400, 'VALIDATION_FAILED');
    expect((await call('transitionConcern', { token: official!.token, params: { id }, body: { action: 'start', note: '开始' } })).status).toBe(200);
    // Act: resolved with a photo
    const resolved = await call('transitionConcern', { token: official!.token, params: { id }, body: { action: 'resolve', note: '已清理干净', photos: [early] } });
    expect(resolved.status).toBe(200);
    // Assess: the resident sees the result's photo; a follow-up is refused now
    const read = await call('getConcern', { token: resident.token, params: { id } });
    const entry = read.body.timeline.find((e: { action: string }) => e.action === 'resolve');
    expect(entry.photos.map((p: { id: string }) => p.id)).toEqual([early]);
    expect(await stored(photoKeys.photo(id, early))).toBeGreaterThan(0);
    expectError(await call('concernFollowUp', { token: resident.token, params: { id }, body: { note: '还想补充' } }), 409, 'INVALID_STATE');
  });
});

describe('erasing the account', () => {
  it('deletes the photos of the resident’s concerns from the bucket, and the references to them', async () => {
    // Prepare: a concern with the resident's photo, resolved with an official's
    const resident = await freshUser('photo');
    const mine = await upload(resident.token);
    const id = (await raise(resident.token, [mine])).body.id as string;
    await call('transitionConcern', { token: official!.token, params: { id }, body: { action: 'start', note: '开始' } });
    const result = await upload(official!.token);
    expect((await call('transitionConcern', { token: official!.token, params: { id }, body: { action: 'resolve', note: '已办结', photos: [result] } })).status).toBe(200);
    const keys = [photoKeys.photo(id, mine), photoKeys.photo(id, result)];
    expect(await Promise.all(keys.map(stored))).toEqual([2048, 2048]);
    // Act
    expect((await call('deleteMe', { token: resident.token })).status).toBe(204);
    // Assess: the objects are gone from s3rver, and no timeline entry names them
    expect(await Promise.all(keys.map(stored))).toEqual([undefined, undefined]);
    const { pk, prefix } = concernKeys.timelineOf(id);
    const entries = (await partition(pk)).filter((e) => String(e.sk).startsWith(prefix));
    expect(entries.length).toBeGreaterThanOrEqual(3);
    expect(entries.filter((e) => e.photoKeys)).toEqual([]);
    // The handler's view holds no photo either.
    const read = await call('getConcern', { token: official!.token, params: { id } });
    expect(JSON.stringify(read.body.timeline)).not.toContain('X-Amz');
  });
});

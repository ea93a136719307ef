// functions/core/storage.ts signs S3 requests by hand (issue 17: no S3 client in the bundles). s3rver checks the local,
// path-style form (tests/api/concern-photos.test.ts); this checks the deployed form against the SDK's own presigner:
// the same URL and signature, in the China partition and elsewhere.
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

const BUCKET = 'pioneer-station-photos-prod';
const savedEnv = { ...process.env };
afterAll(() => {
  process.env = savedEnv;
});
// Spaces and the characters encodeURIComponent leaves alone, which SigV4 encodes.
const KEY = "uploads/u-1/ph 1(x)!*'";

function deployed(region: string): typeof import('../../functions/core/storage') {
  const env = { STAGE: 'prod', TABLE_NAME: 't', SECRETS_SSM_PATH: '/t', AWS_REGION: region, PHOTO_BUCKET: BUCKET, STORAGE_ENDPOINT: '' };
  const creds = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'to/ken+=' };
  Object.assign(process.env, env, creds);
  let mod!: typeof import('../../functions/core/storage');
  jest.isolateModules(() => {
    mod = require('../../functions/core/storage');
  });
  return mod;
}

/** The SDK's client, without the operation name it adds to the signed query (S3 does not need it). */
function sdkClient(region: string, config: Partial<ConstructorParameters<typeof S3Client>[0]> = {}): S3Client {
  const s3 = new S3Client({ region, ...config });
  s3.middlewareStack.add(
    (next) => (args) => {
      const query = (args.request as { query: Record<string, unknown> }).query;
      delete query['x-id'];
      return next(args);
    },
    { step: 'build' },
  );
  return s3;
}

/** The URL with its query sorted (the two sign in the same canonical order, but may list it differently). */
const normal = (url: string) => {
  const u = new URL(url);
  return { origin: u.origin, path: u.pathname, query: [...u.searchParams.entries()].sort(([a], [b]) => a.localeCompare(b)) };
};

describe.each(['cn-northwest-1', 'us-east-1'])('presigned URLs in %s', (region) => {
  const date = new Date('2026-12-01T02:00:00Z');
  beforeAll(() => {
    jest.useFakeTimers({ now: date, doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval'] });
  });
  afterAll(() => jest.useRealTimers());

  it('a PUT: virtual-hosted, type and size signed, as the SDK signs it', async () => {
    const storage = deployed(region);
    const s3 = sdkClient(region, { requestChecksumCalculation: 'WHEN_REQUIRED' });
    const mine = new URL(await storage.presignPut(KEY, 'image/jpeg', 1234, 300));
    const sdk = await getSignedUrl(s3, new PutObjectCommand({ Bucket: BUCKET, Key: KEY, ContentType: 'image/jpeg', ContentLength: 1234 }), {
      expiresIn: 300,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
    expect(mine.host).toBe(`${BUCKET}.s3.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`);
    expect(mine.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect(normal(mine.href)).toEqual(normal(sdk));
  });

  it('a GET, as the SDK signs it', async () => {
    const storage = deployed(region);
    // As the old client was configured, and without asking S3 for checksums (the URL goes to a phone, which ignores them).
    const s3 = sdkClient(region, { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
    const mine = await storage.presignGet(KEY, 600);
    const sdk = await getSignedUrl(s3, new GetObjectCommand({ Bucket: BUCKET, Key: KEY }), { expiresIn: 600 });
    expect(normal(mine)).toEqual(normal(sdk));
  });
});

import { getHandles } from './handles';

export default async function globalTeardown(): Promise<void> {
  const { db, api, wechat, web, outbox, s3 } = getHandles();
  await Promise.allSettled([web?.close(), api?.stop(), wechat?.close(), outbox?.stop(), s3?.stop()]);
  await db?.stop();
}

import { getHandles } from './handles';

export default async function globalTeardown(): Promise<void> {
  const { db, api, wechat, web, outbox } = getHandles();
  await Promise.allSettled([web?.close(), api?.stop(), wechat?.close(), outbox?.stop()]);
  await db?.stop();
}

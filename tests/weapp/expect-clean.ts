// What every weapp test asserts of a page process: nothing went wrong on its way.
import type { WeappPage } from './harness/client';

/** Waits until the page settles, then fails on console errors, thrown errors, 5xx answers and crashes. */
export async function expectClean(page: WeappPage): Promise<void> {
  await page.settled();
  const { errors } = await page.state();
  expect(errors).toEqual([]);
}

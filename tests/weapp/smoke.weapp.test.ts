import { openWeapp } from './harness/client';

test('home renders', async () => {
  const t0 = Date.now();
  const page = await openWeapp({ as: 'demo-member-1', url: '/pages/home/index' });
  await page.settled();
  console.log(Date.now() - t0, await page.text());
  console.log(JSON.stringify(await page.state(), null, 1).slice(0, 3000));
  await page.close();
});

// Section 0 of `npm run bench`: the traffic model's peak per route (Zhejiang), the key-heat table, and the
// deployment limits the model implies (serverless.yml and the README carry them). No I/O.
//   node -r @swc-node/register bench/traffic.ts      (exits 1 when a key is over budget)
import { BUDGET_SHARE, keyHeat, overBudget, printHeat, printPeak } from './key-heat';
import { round } from './stats';
import { deploymentLimits, peakOf, ZHEJIANG } from './traffic-model';

export function trafficSection(): { overBudget: number; json: Record<string, unknown> } {
  const peak = peakOf(ZHEJIANG);
  printPeak(peak);
  const rows = keyHeat(peak);
  console.log(`\nKey heat at that peak (hottest key of each shape; budget ${BUDGET_SHARE * 100} % of 1,000 WCU / 3,000 RCU per second):`);
  printHeat(rows);
  const over = overBudget(rows);
  const limits = deploymentLimits(peak);
  console.log(
    `\nDeployment: reserve ${Object.entries(limits.reserved).map(([f, n]) => `${f} ${n}`).join(', ')}; ` +
      `request an account concurrency quota of ${limits.quota}; API Gateway at ${Math.round(peak.totalRps)} req/s (default quota 10,000 req/s per region)`,
  );
  console.log(over.length ? `OVER BUDGET: ${over.map((r) => `${r.index} ${r.partition}`).join(', ')}` : 'no key over budget');
  return {
    overBudget: over.length,
    json: {
      population: peak.population,
      totalRps: round(peak.totalRps, 0),
      rps: Object.fromEntries(Object.entries(peak.rps).map(([k, v]) => [k, round(v, 2)])),
      concurrency: Object.fromEntries(Object.entries(peak.concurrency).map(([k, v]) => [k, round(v, 1)])),
      limits,
      keyHeat: rows.map((r) => ({ partition: r.partition, index: r.index, requests: round(r.requests, 2), wcu: round(r.wcu, 2), rcu: round(r.rcu, 2), share: round(r.share, 4) })),
    },
  };
}

if (require.main === module) process.exit(trafficSection().overBudget ? 1 : 0);

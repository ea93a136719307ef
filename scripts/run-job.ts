// `npm run job -- <name> [YYYY-MM-DD]`: runs a scheduled job once against the local database that `npm start`
// uses (start it first), the same code the schedule runs when deployed.
import { localFunctionEnv } from './lib/local-env';

const JOBS: Record<string, string> = {
  'political-birthdays': '../functions/jobs/political-birthdays',
  // [date] is the day it runs: reminders go out for the sessions of the day after.
  'session-reminders': '../functions/jobs/session-reminders',
  'overdue-digest': '../functions/jobs/overdue-digest',
  // One-off: the member grant of every secretary written before a secretary's grant brought it (IMPLIED_ROLES).
  'implied-grants': './migrations/implied-grants',
};

async function main() {
  const [name, date] = process.argv.slice(2);
  const path = name ? JOBS[name] : undefined;
  if (!path) {
    console.error(`usage: npm run job -- <${Object.keys(JOBS).join('|')}> [YYYY-MM-DD]`);
    process.exit(2);
  }
  const endpoint = process.env.DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8000}`;
  Object.assign(process.env, { ...localFunctionEnv({ dynamoEndpoint: endpoint, wechatApiBase: process.env.WECHAT_API_BASE }), ...process.env });
  // Imported only now: the functions read their configuration when first loaded.
  const job = (await import(path)) as { handler: (e?: { date?: string }) => Promise<unknown> };
  console.log(JSON.stringify(await job.handler(date ? { date } : undefined), null, 2));
}

main().catch((err: Error) => {
  console.error(`[job] ${err.message}`);
  process.exit(1);
});

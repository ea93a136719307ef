// `npm run seed`: (re-)writes the seed data into the local database that `npm start` uses (start it first).
import { ensureTable } from './lib/dynamodb-local';
import { LOCAL_TABLE } from './lib/local-env';
import { seed } from './lib/seed';

const endpoint = process.env.DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${process.env.DYNAMODB_PORT ?? 8000}`;

ensureTable(endpoint, LOCAL_TABLE)
  .then(() => seed(endpoint, LOCAL_TABLE))
  .then((s) => console.log(`[seed] ${s.orgs} orgs, ${s.stations} stations, ${s.users} users written to ${endpoint}`))
  .catch((err: Error) => {
    console.error(`[seed] ${err.message}\nIs the local database running? Start it with: npm start`);
    process.exit(1);
  });

// `npm run build:h5`: the H5 build into miniapp/dist/h5, swapped in whole when done (see lib/h5-build.ts).
import { buildH5 } from './lib/h5-build';

const t0 = Date.now();
buildH5((line) => console.log(line))
  .then(() => console.log(`[build:h5] done in ${((Date.now() - t0) / 1000).toFixed(1)} s: miniapp/dist/h5`))
  .catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });

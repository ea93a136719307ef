import type { PropsWithChildren } from 'react';
import * as z from 'zod';
import './app.scss';

// Mini-programs forbid `new Function`; tell zod (used by the shared schemas) not to probe for it.
z.config({ jitless: true });

function App({ children }: PropsWithChildren) {
  // Pages render through here; each page runs its own privacy/login gate (see lib/gate.ts).
  return children;
}

export default App;

import { useEffect, type PropsWithChildren } from 'react';
import * as z from 'zod/mini';
import { zhCN } from 'zod/locales';
import { IS_H5 } from './env';
import { applyTextSize } from './lib/text-size';
import './app.scss';

// Mini-programs forbid `new Function`; tell zod (used by the shared schemas) not to probe for it. zod/mini sets no
// locale (classic zod set English): the forms' fallback messages in the users' language, as the API gives them.
z.config({ ...zhCN(), jitless: true });

/** H5: Taro's navigation bar draws its back and home buttons as bare icons; name them for screen readers. */
function labelNavigationBar(): void {
  const labels: [string, string][] = [
    ['taro-navigation-bar-back', '返回'],
    ['taro-navigation-bar-home', '回到首页'],
  ];
  for (const [className, label] of labels) {
    const el = document.querySelector(`#taro-navigation-bar .${className}`);
    el?.setAttribute('role', 'button');
    el?.setAttribute('aria-label', label);
  }
}

function App({ children }: PropsWithChildren) {
  useEffect(() => {
    applyTextSize();
    if (IS_H5) labelNavigationBar();
  }, []);
  // Pages render through here; each page runs its own privacy/login gate (see lib/gate.ts).
  return children;
}

export default App;

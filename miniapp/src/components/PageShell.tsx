// The root of every page: the `.page` box, which on weapp also carries the 大字模式 tokens as its inline style (custom
// properties cascade to the whole page). H5 switches them with a class on the document instead, which also reaches the
// navigation and tab bars (lib/text-size.ts). New pages use it too:
//   return <PageShell id='my-page'>…</PageShell>;
import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { IS_WEAPP } from '../env';
import { LARGE_TEXT_STYLE, useLargeTextOn } from '../lib/text-size';

export interface PageShellProps {
  id?: string;
  /** Classes besides `page`. */
  className?: string;
}

export default function PageShell({ id, className, children }: PropsWithChildren<PageShellProps>) {
  const large = useLargeTextOn();
  return (
    <View className={className ? `page ${className}` : 'page'} id={id} style={IS_WEAPP && large ? LARGE_TEXT_STYLE : undefined}>
      {children}
    </View>
  );
}

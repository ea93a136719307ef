// The root of every page: the `.page` box, and on weapp the 大字模式 tokens on WeChat's page element (page-meta must be
// a page's first node). H5 switches them with a class on the document instead (lib/text-size.ts). New pages use it too:
//   return <PageShell id='my-page'>…</PageShell>;
import { PageMeta, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { IS_WEAPP } from '../env';
import { LARGE_TEXT_STYLE, useLargeTextOn } from '../lib/text-size';

export interface PageShellProps {
  id?: string;
  /** Classes besides `page`. */
  className?: string;
}

function TextSizeMeta() {
  const large = useLargeTextOn();
  return <PageMeta pageStyle={large ? LARGE_TEXT_STYLE : ''} />;
}

export default function PageShell({ id, className, children }: PropsWithChildren<PageShellProps>) {
  return (
    <>
      {IS_WEAPP && <TextSizeMeta />}
      <View className={className ? `page ${className}` : 'page'} id={id}>
        {children}
      </View>
    </>
  );
}

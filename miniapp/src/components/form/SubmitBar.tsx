// The end of a form: its error line, then the primary button (and any others) in a `.btn-row`.
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import FormError from '../FormError';
import { Button } from '../nut';

interface Props {
  /** The button's id. */
  id: string;
  errorId: string;
  error: string | null | undefined;
  loading: boolean;
  onSubmit: () => unknown;
  block?: boolean;
  /** The button's text. */
  children: ReactNode;
  /** Further buttons after the primary one. */
  extra?: ReactNode;
}

export default function SubmitBar({ id, errorId, error, loading, onSubmit, block, children, extra }: Props) {
  return (
    <>
      <FormError id={errorId} message={error} />
      <View className='btn-row'>
        <Button id={id} type='primary' block={block} loading={loading} onClick={() => void onSubmit()}>
          {children}
        </Button>
        {extra}
      </View>
    </>
  );
}

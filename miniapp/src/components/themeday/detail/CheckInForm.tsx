// 现场签到 on a preview: weapp scans the secretary's QR code; typing the code is the fallback (and the only way in H5).
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button } from '../../nut';
import { IS_WEAPP } from '../../../env';
import { checkInWithCode, scanCheckInCode } from '../../../lib/themeday-actions';
import { useAction } from '../useAction';
import FormError from '../../FormError';

interface Props {
  themeDayId: string;
  /** Reads the day again after a check-in. */
  onCheckedIn: () => Promise<void>;
}

export default function CheckInForm({ themeDayId, onCheckedIn }: Props) {
  const [code, setCode] = useState('');
  const [typing, setTyping] = useState(!IS_WEAPP);
  const [error, setError] = useState('');
  const { busy, run } = useAction();

  const checkIn = async (value: string) => {
    setError('');
    if (value.trim().length < 4) {
      setError('请输入书记出示的签到码');
      return;
    }
    const outcome = await checkInWithCode(themeDayId, value);
    if (!outcome.ok) {
      setError(outcome.message);
      void Taro.showToast({ title: outcome.message, icon: 'none' });
      return;
    }
    setCode('');
    void Taro.showToast({ title: outcome.message, icon: 'success' });
    await onCheckedIn();
  };

  const submit = () => run('checkin', () => checkIn(code));

  const scan = () =>
    run('checkin', async () => {
      setError('');
      let scanned: { themeDayId: string; code: string } | null;
      try {
        scanned = await scanCheckInCode();
      } catch (err) {
        setError(err instanceof Error ? err.message : '无法识别签到码');
        return;
      }
      if (!scanned) return;
      if (scanned.themeDayId !== themeDayId) {
        setError('这不是本次主题党日的签到码');
        return;
      }
      await checkIn(scanned.code);
    });

  return (
    <View id='checkin-form'>
      <Text className='td-label'>现场签到</Text>
      {IS_WEAPP && (
        <View className='btn-row'>
          <Button id='checkin-scan' type='primary' loading={busy === 'checkin'} onClick={() => void scan()}>
            扫码签到
          </Button>
          {!typing && (
            <Button id='checkin-type' onClick={() => setTyping(true)}>
              输入签到码
            </Button>
          )}
        </View>
      )}
      {typing && (
        <View>
          <Input
            id='checkin-code'
            className='td-input'
            value={code}
            maxlength={16}
            placeholder='请输入书记出示的签到码'
            onInput={(e) => setCode(e.detail.value)}
            onConfirm={() => void submit()}
          />
          <View className='btn-row'>
            <Button id='checkin-submit' type={IS_WEAPP ? 'default' : 'primary'} loading={busy === 'checkin'} onClick={() => void submit()}>
              签到
            </Button>
          </View>
        </View>
      )}
      <FormError id='checkin-error' message={error} />
    </View>
  );
}

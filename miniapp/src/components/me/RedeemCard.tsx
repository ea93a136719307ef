// 兑换邀请码: a secretary's or township's code adds a grant (member, official …) to the user.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { InvitationCode, type User } from '@shared/schemas/people';
import { errorMessage, showApiError } from '../../api/client';
import { firstIssue } from '../../lib/forms';
import { redeemInvitation } from '../../lib/me';
import SubmitBar from '../form/SubmitBar';
import { FieldRow } from '../form/TextField';

export default function RedeemCard({ onRedeemed }: { onRedeemed: (u: User) => void }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const [redeeming, setRedeeming] = useState(false);

  const redeem = async () => {
    if (redeeming) return;
    setError('');
    const r = InvitationCode.safeParse(code.trim().toUpperCase());
    if (!r.success) return setError(firstIssue(r.error));
    setRedeeming(true);
    try {
      onRedeemed(await redeemInvitation(r.data));
      setCode('');
      void Taro.showToast({ title: '邀请码已兑换', icon: 'success' });
    } catch (err) {
      setError(errorMessage(err));
      showApiError(err);
    } finally {
      setRedeeming(false);
    }
  };

  return (
    <View className='card'>
      <Text className='card-title'>兑换邀请码</Text>
      <Text className='muted'>党员、驻点干部请输入支部书记或乡镇发放的邀请码。</Text>
      <FieldRow rowId='redeem-code' value={code} maxLength={16} placeholder='请输入邀请码' onInput={setCode} onConfirm={() => void redeem()} />
      <SubmitBar id='redeem-submit' errorId='redeem-error' error={error} loading={redeeming} onSubmit={redeem}>
        兑换
      </SubmitBar>
    </View>
  );
}

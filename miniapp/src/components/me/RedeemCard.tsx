// 兑换邀请码: a secretary's or township's code adds a grant (member, official …) to the user; a binding code binds
// this WeChat to the member's own profile (an imported member), and the app goes on as that profile.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { InvitationCode, type User } from '@shared/schemas/people';
import { firstIssue } from '../../lib/forms';
import { redeemInvitation } from '../../lib/me';
import SubmitBar from '../form/SubmitBar';
import { FieldRow } from '../form/TextField';
import { useSubmit } from '../form/useSubmit';

export default function RedeemCard({ onRedeemed, initialCode = '' }: { onRedeemed: (u: User) => void; initialCode?: string }) {
  const [code, setCode] = useState(initialCode);
  const { error, setError, saving: redeeming, send } = useSubmit();

  const redeem = async () => {
    if (redeeming) return;
    setError('');
    const r = InvitationCode().safeParse(code.trim().toUpperCase());
    if (!r.success) return setError(firstIssue(r.error));
    await send(async () => {
      const { user, bound } = await redeemInvitation(r.data);
      onRedeemed(user);
      setCode('');
      void Taro.showToast({ title: bound ? '已绑定党员档案' : '邀请码已兑换', icon: 'success' });
    });
  };

  return (
    <View className='card'>
      <Text className='card-title'>兑换邀请码</Text>
      <Text className='muted'>党员、驻点干部请输入支部书记或乡镇发放的邀请码（含绑定党员档案的邀请码），或扫描邀请二维码。</Text>
      <FieldRow rowId='redeem-code' value={code} maxLength={16} placeholder='请输入邀请码' onInput={setCode} onConfirm={() => void redeem()} />
      <SubmitBar id='redeem-submit' errorId='redeem-error' error={error} loading={redeeming} onSubmit={redeem}>
        兑换
      </SubmitBar>
    </View>
  );
}

// A code just made: its QR (the redeem page with the code), the code to read out, and the weapp share card. A binding
// code names the member whose profile it binds.
import { Button as TaroButton, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Invitation } from '@shared/schemas/people';
import { formatDateTime } from '@shared/time';
import { IS_WEAPP } from '../../../env';
import QrCode from '../../../components/themeday/QrCode';
import { Button } from '../../../components/nut';
import { ROLE_LABELS } from '../../../lib/labels';
import { redeemPath } from '../../../lib/people';

export default function NewInvitation({ invitation: inv, bindName }: { invitation: Invitation; bindName?: string }) {
  return (
    <View className='card' id='new-invitation'>
      <Text className='card-title'>{inv.bindUserId ? `绑定微信 · ${bindName ?? '党员'}` : `邀请${ROLE_LABELS[inv.role]}`}</Text>
      <QrCode text={redeemPath(inv.code)} id='invitation-qr' />
      <Text className='card-title' id='invitation-code'>
        {inv.code}
      </Text>
      <Text className='muted'>
        {inv.bindUserId
          ? `仅供本人使用一次，${formatDateTime(inv.expiresAt)} 前有效。本人用自己的微信登录后在「我的 › 兑换邀请码」输入，或扫码打开，即绑定到其党员档案。`
          : `可使用 ${inv.maxUses} 次，${formatDateTime(inv.expiresAt)} 前有效。对方在「我的 › 兑换邀请码」输入，或微信扫码打开。`}
      </Text>
      <View className='btn-row'>
        <Button size='small' id='invitation-copy' onClick={() => void Taro.setClipboardData({ data: inv.code })}>
          复制邀请码
        </Button>
        {IS_WEAPP && (
          <TaroButton className='nut-button nut-button--default nut-button--small' id='invitation-share' openType='share'>
            分享给对方
          </TaroButton>
        )}
      </View>
    </View>
  );
}

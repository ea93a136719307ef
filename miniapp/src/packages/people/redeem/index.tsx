// Where an invitation's QR code and share card lead: the code filled in, redeemed in one tap, then 我的.
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import RedeemCard from '../../../components/me/RedeemCard';
import { usePageGate } from '../../../lib/gate';
import { goTab, pageUrl, routeParam } from '../../../lib/nav';

export default function RedeemPage() {
  const code = routeParam(useRouter().params, 'code').toUpperCase();
  const allowed = usePageGate('redeem', { requireLogin: true, back: pageUrl('redeem', code ? { code } : {}) });
  if (!allowed) return <View />;
  return (
    <View className='page' id='redeem'>
      <RedeemCard initialCode={code} onRedeemed={() => void goTab('me')} />
    </View>
  );
}

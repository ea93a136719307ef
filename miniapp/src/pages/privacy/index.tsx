import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { isLoggedIn } from '../../api/session';
import { Button } from '../../components/nut';
import { IS_WEAPP } from '../../env';
import { goLogin, openPage, safeRedirect } from '../../lib/nav';
import { recordConsent } from '../../lib/privacy';
import { PRIVACY_GUIDE as USED } from '../../lib/privacy-guide';
import { showModal } from '../../lib/design';
import PageShell from '../../components/PageShell';
import './index.scss';

const NOT_USED = '我们不在后台获取您的位置，也不读取通讯录、相册或麦克风。';

export default function PrivacyPage() {
  const router = useRouter();
  const redirect = safeRedirect(router.params.redirect);
  const [declined, setDeclined] = useState(false);

  const agree = () => {
    recordConsent();
    if (isLoggedIn()) void openPage(redirect);
    else void goLogin(redirect);
  };

  const decline = () => {
    setDeclined(true);
    if (IS_WEAPP) {
      void showModal({
        title: '需要您的同意',
        content: '不同意隐私保护指引将无法使用先锋驿站。确定退出吗？',
        confirmText: '退出',
        cancelText: '再看看',
      }).then((r) => {
        if (r.confirm) Taro.exitMiniProgram().catch(() => undefined);
      });
    }
  };

  return (
    <PageShell className='privacy' id='privacy'>
      <View className='card'>
        <Text className='privacy__title'>欢迎使用先锋驿站</Text>
        <Text className='privacy__lead'>
          在您开始使用前，请阅读以下说明。我们只收集办理事务所必需的信息。
        </Text>
        <Text className='privacy__section'>我们会使用</Text>
        {USED.map((item) => (
          <View className='privacy__item' key={item.title}>
            <Text className='privacy__item-title'>{item.title}</Text>
            <Text className='privacy__item-text'>{item.text}</Text>
          </View>
        ))}
        <Text className='privacy__section'>我们不会使用</Text>
        <Text className='privacy__item-text'>{NOT_USED}</Text>
        <Text className='privacy__section'>您的权利</Text>
        <Text className='privacy__item-text'>
          您可以随时在「我的」中修改昵称和手机号，或注销账号。注销后您的个人信息将被删除，已发布的内容匿名保留。
        </Text>
      </View>

      {declined && (
        <Text className='error-text privacy__declined' id='privacy-declined'>
          您需要同意隐私保护指引后才能使用先锋驿站。
        </Text>
      )}

      <View className='privacy__actions'>
        <Button id='privacy-agree' type='primary' block onClick={agree}>
          同意并继续
        </Button>
        <Button id='privacy-decline' fill='none' block onClick={decline}>
          不同意
        </Button>
      </View>
    </PageShell>
  );
}

import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { isLoggedIn } from '../../api/session';
import { Button } from '../../components/nut';
import { IS_WEAPP } from '../../env';
import { goLogin, openPage, safeRedirect } from '../../lib/nav';
import { recordConsent } from '../../lib/privacy';
import './index.scss';

interface Item {
  title: string;
  text: string;
}

const USED: Item[] = [
  {
    title: '微信登录身份',
    text: '登录时使用微信提供的匿名身份标识（openid），用来识别您的账号。我们不获取您的微信昵称、头像和好友关系。',
  },
  {
    title: '手机号（可选）',
    text: '仅当您在「我的」里自己填写时保存，加密存储、只显示部分号码，用于工作人员联系您办理说事和预约。',
  },
  {
    title: '您提交的内容',
    text: '创意、说事、心得、预约等内容用于办理对应事务，文字会经过微信内容安全检测。',
  },
  {
    title: '摄像头（仅扫码签到时）',
    text: '党员参加主题党日时，点击「扫码签到」才会打开摄像头扫描书记出示的二维码，不拍照、不保存图像。',
  },
  {
    title: '日历（仅您点击时）',
    text: '点击「添加到日历」时，把主题党日或预约的时间写入您手机的日历，不读取日历中的其他内容。',
  },
  {
    title: '位置（仅您点击时）',
    text: '查看驻点工作室位置时打开地图导航，不获取、不保存您的位置。',
  },
];

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
      void Taro.showModal({
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
    <View className='page privacy' id='privacy'>
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
    </View>
  );
}

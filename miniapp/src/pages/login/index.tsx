import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { loginAsPersona, loginWithWechat } from '../../api/auth';
import { errorMessage, showApiError } from '../../api/client';
import { Button } from '../../components/nut';
import { IS_LOCAL, IS_WEAPP } from '../../env';
import { usePageGate } from '../../lib/gate';
import { PERSONAS } from '../../lib/labels';
import { openPage, pathOf, safeRedirect } from '../../lib/nav';
import PageShell from '../../components/PageShell';
import './index.scss';

export default function LoginPage() {
  const router = useRouter();
  const redirect = safeRedirect(router.params.redirect);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const allowed = usePageGate('login');
  if (!allowed) return <View />;

  const run = async (who: string, login: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(who);
    setError(null);
    try {
      await login();
      await openPage(redirect);
    } catch (err) {
      setError(errorMessage(err, '登录失败，请稍后再试'));
      showApiError(err, '登录失败，请稍后再试');
    } finally {
      setBusy(null);
    }
  };

  return (
    <PageShell className='login' id='login'>
      <View className='login__brand'>
        <Text className='login__title'>先锋驿站</Text>
        <Text className='login__subtitle'>党支部与群众的线上驿站</Text>
      </View>

      {IS_WEAPP && (
        <View className='login__wechat'>
          <Button
            id='wechat-login'
            type='primary'
            size='large'
            block
            loading={busy === 'wechat'}
            onClick={() => run('wechat', loginWithWechat)}
          >
            微信一键登录
          </Button>
        </View>
      )}

      {/* Above the fold: a guest need not scroll past the login choices to look around. */}
      <View className='login__skip'>
        <Button id='login-skip' fill='outline' block onClick={() => void openPage(pathOf('home'))}>
          暂不登录，先看看
        </Button>
      </View>

      {IS_LOCAL ? (
        <View className='card' id='personas'>
          <Text className='card-title'>选择演示身份</Text>
          <Text className='muted'>本地开发环境：选择一位演示用户登录。</Text>
          <View className='login__personas'>
            {PERSONAS.map((p) => (
              <View
                key={p.openid}
                id={`persona-${p.openid}`}
                className={`login__persona${busy === p.openid ? ' login__persona--busy' : ''}`}
                onClick={() => run(p.openid, () => loginAsPersona(p.openid))}
              >
                <Text className='login__persona-label'>{p.label}</Text>
                <Text className='login__persona-hint'>{p.hint}</Text>
              </View>
            ))}
          </View>
        </View>
      ) : (
        !IS_WEAPP && (
          <View className='card'>
            <Text className='muted'>请在微信中搜索「先锋驿站」小程序，登录后使用。</Text>
          </View>
        )
      )}

      {error && (
        <Text className='error-text login__error' id='login-error'>
          {error}
        </Text>
      )}
    </PageShell>
  );
}

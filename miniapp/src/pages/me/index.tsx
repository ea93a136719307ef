// 我的: who I am (grants with their orgs), my 主题党日 cards, profile, invitation codes, and the ways into 成员管理, 邀请,
// 权限, 三项考核 and 内容审核; log out or delete the account.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { User } from '@shared/schemas/people';
import { logout } from '../../api/auth';
import { isLoggedIn } from '../../api/session';
import { api, showApiError } from '../../api/client';
import LoadState from '../../components/LoadState';
import GrantsCard from '../../components/me/GrantsCard';
import ProfileCard from '../../components/me/ProfileCard';
import RedeemCard from '../../components/me/RedeemCard';
import TextSizeCard from '../../components/me/TextSizeCard';
import { Button } from '../../components/nut';
import MyThemeDayCards from '../../components/themeday/MyThemeDayCards';
import { usePageGate } from '../../lib/gate';
import { assessmentRoots, canModerate, duesRoots, staffOrgIds } from '../../lib/grants';
import { loadMe } from '../../lib/me';
import { go, goLogin } from '../../lib/nav';
import { peopleScopes } from '../../lib/people';
import { usePageLoad, useReloadOnShow } from '../../lib/page-load';
import { showModal } from '../../lib/design';
import PageShell from '../../components/PageShell';
import LoginCard from '../../components/LoginCard';
import './index.scss';

export default function MePage() {
  // A guest stays on this tab (with the tab bar) and is offered the login, rather than being sent away.
  const allowed = usePageGate('me');
  const loggedIn = isLoggedIn();
  /** Bumped on every reload so the 主题党日 cards refresh with the page. */
  const [reloads, setReloads] = useState(0);
  /** Residents rarely hold a code: the redeem card stays folded behind a link until they ask for it. */
  const [redeemOpen, setRedeemOpen] = useState(false);
  const me = usePageLoad(async () => {
    setReloads((n) => n + 1);
    return loadMe(true);
  });
  const user = me.data;
  const show = (u: User) => me.setData(u);

  useReloadOnShow(allowed && loggedIn, me.reload);

  if (!allowed) return <View />;

  if (!loggedIn) {
    return (
      <PageShell className='me' id='me-guest'>
        <LoginCard buttonId='me-login' title='登录后查看' text='登录后可查看我的主题党日、说事和预约，修改个人资料。' from='me' />
        <TextSizeCard />
      </PageShell>
    );
  }

  if (me.status !== 'ready' || !user) {
    return (
      <PageShell>
        <LoadState id='me' status={me.status} message={me.error} onRetry={() => void me.reload()} />
      </PageShell>
    );
  }

  const signOut = () => {
    logout();
    void goLogin('me');
  };

  const deleteAccount = async () => {
    const { confirm } = await showModal({
      title: '注销账号',
      content: '注销后，您的昵称、手机号等个人信息将被删除且无法恢复，已发布的内容将匿名保留。确定注销吗？',
      confirmText: '确定注销',
    });
    if (!confirm) return;
    try {
      await api('deleteMe');
      logout();
      void Taro.showToast({ title: '账号已注销', icon: 'none' });
      void goLogin('me');
    } catch (err) {
      showApiError(err);
    }
  };

  return (
    <PageShell className='me' id='me'>
      <View className='me__header'>
        <View className='me__avatar'>
          <Text>{user.displayName.slice(0, 1) || '我'}</Text>
        </View>
        <View className='me__who'>
          <Text className='me__name' id='display-name'>
            {user.displayName}
          </Text>
          <Text className='me__phone' id='phone-masked'>
            {user.phoneMasked ? `手机 ${user.phoneMasked}` : '未填写手机号'}
          </Text>
        </View>
      </View>

      <TextSizeCard />
      <GrantsCard grants={user.grants} />
      <MyThemeDayCards user={user} refreshKey={reloads} />
      <ProfileCard user={user} onSaved={show} />
      {user.grants.length > 0 || redeemOpen ? (
        <RedeemCard onRedeemed={show} />
      ) : (
        <View className='me__redeem-link' id='open-redeem' role='button' onClick={() => setRedeemOpen(true)}>
          <Text>收到支部书记或乡镇发放的邀请码？点此兑换</Text>
        </View>
      )}

      <View className='me__actions'>
        {assessmentRoots(user).length > 0 && (
          <Button id='open-assessments' block onClick={() => void go('assessments')}>
            三项考核
          </Button>
        )}
        {staffOrgIds(user).length > 0 && (
          <Button id='open-admin' block onClick={() => void go('adminOrgs')}>
            组织管理
          </Button>
        )}
        {staffOrgIds(user).length > 0 && (
          <Button id='open-concern-overview' block onClick={() => void go('concernOverview')}>
            说事概况
          </Button>
        )}
        {duesRoots(user).length > 0 && (
          <Button id='open-dues' block onClick={() => void go('dues')}>
            党费登记
          </Button>
        )}
        {peopleScopes(user).length > 0 && (
          <>
            <Button id='open-members' block onClick={() => void go('members')}>
              成员管理
            </Button>
            <Button id='open-invitations' block onClick={() => void go('invitations')}>
              邀请
            </Button>
            <Button id='open-grants' block onClick={() => void go('grants')}>
              权限
            </Button>
          </>
        )}
        {canModerate(user) && (
          <Button id='open-moderation' block onClick={() => void go('moderation')}>
            内容审核
          </Button>
        )}
        <Button id='logout' block onClick={signOut}>
          退出登录
        </Button>
        <Button id='delete-account' fill='none' block onClick={() => void deleteAccount()}>
          注销账号
        </Button>
      </View>
    </PageShell>
  );
}

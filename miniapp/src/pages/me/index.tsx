import { Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { PhoneNumber } from '@shared/schemas/common';
import { DisplayName, InvitationCode, type Grant, type User } from '@shared/schemas/people';
import { logout } from '../../api/auth';
import { api, errorMessage, isApiError, showApiError } from '../../api/client';
import { describeOrg, type OrgPlace } from '../../api/orgs';
import { Button } from '../../components/nut';
import MyThemeDayCards from '../../components/themeday/MyThemeDayCards';
import { usePageGate } from '../../lib/gate';
import { ROLE_LABELS, ROLE_ORDER } from '../../lib/labels';
import { PAGES, goLogin } from '../../lib/nav';
import { NT_PAGES } from '../../lib/notices';
import { MOD_PAGES, canModerate } from '../../lib/moderation';
import './index.scss';

type Status = 'loading' | 'error' | 'ready';
/** undefined: still looking it up; null: not found. */
type Places = Record<string, OrgPlace | null | undefined>;

const firstIssue = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.error?.issues[0]?.message ?? '输入有误';

function sortGrants(grants: Grant[]): Grant[] {
  return [...grants].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
}

export default function MePage() {
  const allowed = usePageGate(PAGES.me, { requireLogin: true });

  const [status, setStatus] = useState<Status>('loading');
  const [loadError, setLoadError] = useState('');
  const [user, setUser] = useState<User | null>(null);
  const [places, setPlaces] = useState<Places>({});

  const [nickname, setNickname] = useState('');
  const [phone, setPhone] = useState('');
  const [profileError, setProfileError] = useState('');
  const [saving, setSaving] = useState(false);

  const [code, setCode] = useState('');
  const [redeemError, setRedeemError] = useState('');
  const [redeeming, setRedeeming] = useState(false);

  const userRef = useRef<User | null>(null);
  /** Bumped on every reload so the 主题党日 cards refresh with the page. */
  const [reloads, setReloads] = useState(0);

  const loadPlaces = useCallback((grants: Grant[]) => {
    for (const orgId of new Set(grants.map((g) => g.orgId))) {
      void describeOrg(orgId).then((place) => setPlaces((prev) => ({ ...prev, [orgId]: place })));
    }
  }, []);

  const showUser = useCallback(
    (u: User) => {
      userRef.current = u;
      setUser(u);
      setNickname(u.displayName);
      loadPlaces(u.grants);
    },
    [loadPlaces],
  );

  const load = useCallback(async () => {
    if (!userRef.current) setStatus('loading');
    setReloads((n) => n + 1);
    try {
      showUser(await api('getMe'));
      setStatus('ready');
    } catch (err) {
      if (isApiError(err) && err.status === 401) return; // the client is taking the user to the login page
      if (userRef.current) {
        showApiError(err);
      } else {
        setLoadError(errorMessage(err));
        setStatus('error');
      }
    }
  }, [showUser]);

  useDidShow(() => {
    if (allowed) void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  if (!allowed) return <View />;

  const saveProfile = async () => {
    if (!user || saving) return;
    setProfileError('');
    const body: { displayName?: string; phone?: string } = {};
    const name = nickname.trim();
    if (name !== user.displayName) {
      const r = DisplayName.safeParse(name);
      if (!r.success) return setProfileError(firstIssue(r));
      body.displayName = r.data;
    }
    const newPhone = phone.trim();
    if (newPhone) {
      const r = PhoneNumber.safeParse(newPhone);
      if (!r.success) return setProfileError(firstIssue(r));
      body.phone = r.data;
    }
    if (Object.keys(body).length === 0) {
      void Taro.showToast({ title: '没有需要保存的修改', icon: 'none' });
      return;
    }
    setSaving(true);
    try {
      showUser(await api('updateMe', { body }));
      setPhone('');
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (err) {
      setProfileError(errorMessage(err));
      showApiError(err);
    } finally {
      setSaving(false);
    }
  };

  const clearPhone = async () => {
    const { confirm } = await Taro.showModal({ title: '清除手机号', content: '确定不再保留您的手机号吗？' });
    if (!confirm) return;
    try {
      showUser(await api('updateMe', { body: { phone: null } }));
      void Taro.showToast({ title: '已清除', icon: 'success' });
    } catch (err) {
      showApiError(err);
    }
  };

  const redeem = async () => {
    if (redeeming) return;
    setRedeemError('');
    const r = InvitationCode.safeParse(code.trim().toUpperCase());
    if (!r.success) return setRedeemError(firstIssue(r));
    setRedeeming(true);
    try {
      showUser(await api('redeemInvitation', { params: { code: r.data }, body: {} }));
      setCode('');
      void Taro.showToast({ title: '邀请码已兑换', icon: 'success' });
    } catch (err) {
      setRedeemError(errorMessage(err));
      showApiError(err);
    } finally {
      setRedeeming(false);
    }
  };

  const signOut = () => {
    logout();
    void goLogin(PAGES.me);
  };

  const deleteAccount = async () => {
    const { confirm } = await Taro.showModal({
      title: '注销账号',
      content: '注销后，您的昵称、手机号等个人信息将被删除且无法恢复，已发布的内容将匿名保留。确定注销吗？',
      confirmText: '确定注销',
      confirmColor: '#c8161d',
    });
    if (!confirm) return;
    try {
      await api('deleteMe');
      logout();
      void Taro.showToast({ title: '账号已注销', icon: 'none' });
      void goLogin(PAGES.me);
    } catch (err) {
      showApiError(err);
    }
  };

  if (status === 'loading' && !user) {
    return (
      <View className='page'>
        <View className='state' id='me-loading'>
          <Text className='state-text'>加载中…</Text>
        </View>
      </View>
    );
  }

  if (status === 'error' || !user) {
    return (
      <View className='page'>
        <View className='state' id='me-error'>
          <Text className='state-text'>{loadError || '加载失败'}</Text>
          <Button id='retry' type='primary' onClick={() => void load()}>
            重试
          </Button>
        </View>
      </View>
    );
  }

  const grants = sortGrants(user.grants);

  return (
    <View className='page me' id='me'>
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

      <View className='card'>
        <Text className='card-title'>我的身份</Text>
        <View id='grants'>
          {grants.length === 0 && (
            <View className='grant'>
              <Text className='grant__text'>{ROLE_LABELS.resident}</Text>
            </View>
          )}
          {grants.map((g, i) => {
            const place = places[g.orgId];
            const orgName = place === undefined ? '…' : (place?.name ?? `组织 ${g.orgId}`);
            return (
              <View className='grant' id={`grant-${i}`} key={`${g.role}:${g.orgId}`}>
                <Text className='grant__text'>{`${ROLE_LABELS[g.role]} · ${orgName}`}</Text>
                {place && place.ancestors.length > 0 && (
                  <Text className='muted grant__place'>{place.ancestors.join(' · ')}</Text>
                )}
              </View>
            );
          })}
        </View>
      </View>

      <MyThemeDayCards user={user} refreshKey={reloads} />

      <View className='card' id='profile-form'>
        <Text className='card-title'>个人资料</Text>
        <View className='field'>
          <Text className='field-label'>昵称</Text>
          <Input
            id='nickname'
            className='field-input'
            value={nickname}
            maxlength={20}
            placeholder='请输入昵称'
            onInput={(e) => setNickname(e.detail.value)}
          />
        </View>
        <View className='field'>
          <Text className='field-label'>手机号</Text>
          <Input
            id='phone'
            className='field-input'
            type='number'
            value={phone}
            maxlength={11}
            placeholder={user.phoneMasked ? `${user.phoneMasked}（输入新号码可更换）` : '选填，便于工作人员联系您'}
            onInput={(e) => setPhone(e.detail.value)}
          />
        </View>
        {profileError && (
          <Text className='error-text' id='profile-error'>
            {profileError}
          </Text>
        )}
        <View className='btn-row'>
          <Button id='save-profile' type='primary' loading={saving} onClick={() => void saveProfile()}>
            保存
          </Button>
          {user.phoneMasked && (
            <Button id='clear-phone' onClick={() => void clearPhone()}>
              清除手机号
            </Button>
          )}
        </View>
      </View>

      <View className='card'>
        <Text className='card-title'>兑换邀请码</Text>
        <Text className='muted'>党员、驻点干部请输入支部书记或乡镇发放的邀请码。</Text>
        <View className='field' id='redeem-code'>
          <Input
            className='field-input'
            value={code}
            maxlength={16}
            placeholder='请输入邀请码'
            onInput={(e) => setCode(e.detail.value)}
            onConfirm={() => void redeem()}
          />
        </View>
        {redeemError && (
          <Text className='error-text' id='redeem-error'>
            {redeemError}
          </Text>
        )}
        <View className='btn-row'>
          <Button id='redeem-submit' type='primary' loading={redeeming} onClick={() => void redeem()}>
            兑换
          </Button>
        </View>
      </View>

      <View className='me__actions'>
        {grants.some((g) => g.role === 'secretary' || g.role === 'township_admin' || g.role === 'admin') && (
          <Button id='open-assessments' block onClick={() => void Taro.navigateTo({ url: NT_PAGES.assessments })}>
            三项考核
          </Button>
        )}
        {canModerate(user) && (
          <Button id='open-moderation' block onClick={() => void Taro.navigateTo({ url: MOD_PAGES.queue })}>
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
    </View>
  );
}

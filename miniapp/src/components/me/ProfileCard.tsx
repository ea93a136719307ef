// 个人资料: nickname and phone (shown masked; a new number replaces it, 清除手机号 removes it).
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { PhoneNumber } from '@shared/schemas/common';
import { DisplayName, type User } from '@shared/schemas/people';
import { showApiError } from '../../api/client';
import { firstIssue } from '../../lib/forms';
import { updateMe } from '../../lib/me';
import SubmitBar from '../form/SubmitBar';
import { FieldRow } from '../form/TextField';
import { useSubmit } from '../form/useSubmit';
import { Button } from '../nut';
import { showModal } from '../../lib/design';

export default function ProfileCard({ user, onSaved }: { user: User; onSaved: (u: User) => void }) {
  const [nickname, setNickname] = useState(user.displayName);
  const [phone, setPhone] = useState('');
  const { error, setError, saving, send } = useSubmit();

  // Every load shows the name the server has.
  useEffect(() => setNickname(user.displayName), [user]);

  const save = async () => {
    if (saving) return;
    setError('');
    const body: { displayName?: string; phone?: string } = {};
    const name = nickname.trim();
    if (name !== user.displayName) {
      const r = DisplayName().safeParse(name);
      if (!r.success) return setError(firstIssue(r.error));
      body.displayName = r.data;
    }
    const newPhone = phone.trim();
    if (newPhone) {
      const r = PhoneNumber().safeParse(newPhone);
      if (!r.success) return setError(firstIssue(r.error));
      body.phone = r.data;
    }
    if (Object.keys(body).length === 0) {
      void Taro.showToast({ title: '没有需要保存的修改', icon: 'none' });
      return;
    }
    await send(async () => {
      onSaved(await updateMe(body));
      setPhone('');
      void Taro.showToast({ title: '已保存', icon: 'success' });
    });
  };

  const clearPhone = async () => {
    const { confirm } = await showModal({ title: '清除手机号', content: '确定不再保留您的手机号吗？' });
    if (!confirm) return;
    try {
      onSaved(await updateMe({ phone: null }));
      void Taro.showToast({ title: '已清除', icon: 'success' });
    } catch (err) {
      showApiError(err);
    }
  };

  return (
    <View className='card' id='profile-form'>
      <Text className='card-title'>个人资料</Text>
      <FieldRow label='昵称' id='nickname' value={nickname} maxLength={20} placeholder='请输入昵称' onInput={setNickname} />
      <FieldRow
        label='手机号'
        id='phone'
        type='number'
        value={phone}
        maxLength={11}
        placeholder={user.phoneMasked ? `${user.phoneMasked}（输入新号码可更换）` : '选填，便于工作人员联系您'}
        onInput={setPhone}
      />
      <SubmitBar
        id='save-profile'
        errorId='profile-error'
        error={error}
        loading={saving}
        onSubmit={save}
        extra={
          user.phoneMasked && (
            <Button id='clear-phone' onClick={() => void clearPhone()}>
              清除手机号
            </Button>
          )
        }
      >
        保存
      </SubmitBar>
    </View>
  );
}

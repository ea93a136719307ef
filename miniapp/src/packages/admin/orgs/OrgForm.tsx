// The create / rename / move form of 组织管理: one card, confirmed before it is sent.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ORG_TYPE_LABELS, SECTOR_LABELS } from '@shared/labels';
import { CHILD_TYPES, CreateOrgBody, SECTORS, type Org, type Sector } from '@shared/schemas/orgs';
import type { OrgType } from '@shared/schemas/common';
import { api } from '../../../api/client';
import { useActionKey } from '../../../lib/action-key';
import SubmitBar from '../../../components/form/SubmitBar';
import { TextField } from '../../../components/form/TextField';
import { useSubmit } from '../../../components/form/useSubmit';
import { Button } from '../../../components/nut';
import { showModal } from '../../../lib/design';

export type OrgFormMode = { kind: 'create'; parent: Org } | { kind: 'rename'; org: Org } | { kind: 'move'; org: Org };

interface Props {
  mode: OrgFormMode;
  onDone: () => void;
  onCancel: () => void;
  childOptions: (parentId: string) => Promise<Org[]>;
}

const TITLES = { create: '新建下级组织', rename: '改名', move: '移动到' } as const;
/** The confirming button says what it does (a bare 确定 reads like the form's own button). */
const CONFIRMS = { create: '确认新建', rename: '确认改名', move: '确认移动' } as const;

export default function OrgForm({ mode, onDone, onCancel, childOptions }: Props) {
  const [name, setName] = useState(mode.kind === 'rename' ? mode.org.name : '');
  const [type, setType] = useState<OrgType | null>(null);
  const [sector, setSector] = useState<Sector | null>(null);
  const [targets, setTargets] = useState<Org[]>([]);
  const [target, setTarget] = useState<string | null>(null);
  const { error, setError, saving, send } = useSubmit();
  const actionKey = useActionKey();

  // A move goes to another org under the grandparent (another village of the township, another township of the county).
  useEffect(() => {
    if (mode.kind !== 'move' || !mode.org.parentId) return;
    void api('getOrg', { params: { orgId: mode.org.parentId } }).then(async (parent) => {
      const options = parent.parentId ? await childOptions(parent.parentId) : [];
      setTargets(options.filter((o) => o.id !== mode.org.parentId && o.id !== mode.org.id && CHILD_TYPES[o.type].includes(mode.org.type)));
    });
  }, [mode, childOptions]);

  const confirmed = async (content: string) => (await showModal({ title: TITLES[mode.kind], content, confirmText: CONFIRMS[mode.kind] })).confirm;

  const submit = async () => {
    if (saving) return;
    setError('');
    if (mode.kind === 'create') {
      if (!type) return setError('请选择组织类型');
      if (type === 'branch' && !sector) return setError('请选择党支部所属领域');
      const r = CreateOrgBody().safeParse({ parentId: mode.parent.id, name, type, ...(type === 'branch' && sector ? { sector } : {}) });
      if (!r.success) return setError(r.error.issues[0]?.message ?? '输入有误');
      if (!(await confirmed(`在「${mode.parent.name}」下新建${ORG_TYPE_LABELS[type]}「${r.data.name}」？`))) return;
      await send(async () => {
        await api('createOrg', { body: r.data, idempotencyKey: actionKey.keyFor(r.data) });
        actionKey.reset();
        void Taro.showToast({ title: '已新建', icon: 'success' });
        onDone();
      });
    } else if (mode.kind === 'rename') {
      if (!name.trim()) return setError('名称不能为空');
      if (!(await confirmed(`把「${mode.org.name}」改名为「${name.trim()}」？`))) return;
      await send(async () => {
        await api('updateOrg', { params: { orgId: mode.org.id }, body: { name: name.trim() } });
        void Taro.showToast({ title: '已改名', icon: 'success' });
        onDone();
      });
    } else {
      const to = targets.find((o) => o.id === target);
      if (!to) return setError('请选择移动到哪个组织之下');
      if (!(await confirmed(`把「${mode.org.name}」及其下级组织、驿站移动到「${to.name}」之下？`))) return;
      await send(async () => {
        await api('updateOrg', { params: { orgId: mode.org.id }, body: { parentId: to.id } });
        void Taro.showToast({ title: '已移动', icon: 'success' });
        onDone();
      });
    }
  };

  const chips = <T extends string>(id: string, values: readonly T[], label: (v: T) => string, chosen: T | null, choose: (v: T) => void) => (
    <View className='adm-chips' id={id}>
      {values.map((v) => (
        <Text key={v} id={`${id}-${v}`} className={`adm-chip${chosen === v ? ' adm-chip--on' : ''}`} onClick={() => choose(v)}>
          {label(v)}
        </Text>
      ))}
    </View>
  );

  return (
    <View className='card' id='adm-form'>
      <Text className='card-title'>{TITLES[mode.kind]}</Text>
      {mode.kind === 'create' && (
        <>
          <Text className='adm-label'>类型</Text>
          {chips('adm-type', CHILD_TYPES[mode.parent.type], (t) => ORG_TYPE_LABELS[t], type, setType)}
          {type === 'branch' && (
            <>
              <Text className='adm-label'>所属领域</Text>
              {chips('adm-sector', SECTORS, (s) => SECTOR_LABELS[s], sector, setSector)}
            </>
          )}
        </>
      )}
      {mode.kind !== 'move' ? (
        <TextField kind='adm' label='名称' id='adm-name' value={name} maxLength={40} placeholder='如：凤凰社区党支部' onInput={setName} />
      ) : targets.length ? (
        chips('adm-target', targets.map((o) => o.id), (id) => targets.find((o) => o.id === id)?.name ?? id, target, setTarget)
      ) : (
        <Text className='muted'>没有可移动到的组织</Text>
      )}
      <SubmitBar id='adm-submit' errorId='adm-error' error={error} loading={saving} onSubmit={submit}>
        确定
      </SubmitBar>
      <Button id='adm-cancel' size='small' fill='none' onClick={onCancel}>取消</Button>
    </View>
  );
}

// 联系群众: the masked number, and for the responsible station's own officials a button that reveals it (recorded in
// the audit log, a daily limit) and offers 拨打: a phone call in weapp, a tel: link on H5.
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ROLE_SETS, grantOrgIds } from '@shared/roles';
import { QUOTA_RULES } from '@shared/rules/quotas';
import type { PhoneReveal } from '@shared/schemas/contact';
import { showApiError } from '../api/client';
import { IS_H5 } from '../env';
import { loadMe } from '../lib/me';
import { Button } from './nut';

interface Props {
  /** Prefix of the element ids (`${id}-reveal`, `${id}-phone`, `${id}-call`). */
  id: string;
  /** The station responsible for the record: only its own officials may call. */
  stationId: string;
  masked?: string;
  reveal: () => Promise<PhoneReveal>;
}

export default function ContactResident({ id, stationId, masked, reveal }: Props) {
  const [mayCall, setMayCall] = useState(false);
  const [phone, setPhone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    loadMe()
      .then((user) => live && setMayCall(grantOrgIds(user, ROLE_SETS.residentContacts).includes(stationId)))
      .catch(() => undefined); // no button; the page shows its own error
    return () => {
      live = false;
    };
  }, [stationId]);

  if (!masked) return <Text className='muted' id={`${id}-no-phone`}>未留联系电话（已注销的账号不保留电话）</Text>;

  const show = async () => {
    if (busy) return;
    setBusy(true);
    try {
      setPhone((await reveal()).phone);
    } catch (err) {
      showApiError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='contact-resident'>
      <Text id={`${id}-phone`}>{`联系电话：${phone ?? masked}`}</Text>
      {mayCall && !phone && (
        <View>
          <Button id={`${id}-reveal`} size='small' loading={busy} onClick={() => void show()}>
            联系群众
          </Button>
          <Text className='muted'>{`查看号码会记入操作日志（谁、何时、哪条记录），每人每天最多 ${QUOTA_RULES.phoneReveal.limit} 次。`}</Text>
        </View>
      )}
      {phone &&
        (IS_H5 ? (
          <a id={`${id}-call`} href={`tel:${phone}`}>
            拨打
          </a>
        ) : (
          <Button id={`${id}-call`} size='small' type='primary' onClick={() => void Taro.makePhoneCall({ phoneNumber: phone })}>
            拨打
          </Button>
        ))}
    </View>
  );
}

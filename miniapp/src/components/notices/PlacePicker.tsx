// Choosing a village to read its notices without logging in: townships (grouped by county) → villages, one level
// at a time through listOrgs.
import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import type { Org } from '@shared/schemas/people';
import { errorMessage } from '../../api/client';
import { type ChosenVillage } from '../../lib/home-village';
import { childOrgs } from '../../lib/orgs';
import './notices.scss';

interface CountyTownships {
  county: Org;
  townships: Org[];
}

export interface PlacePickerProps {
  onPick: (village: ChosenVillage) => void;
  onCancel?: () => void;
}

export default function PlacePicker({ onPick, onCancel }: PlacePickerProps) {
  const [groups, setGroups] = useState<CountyTownships[] | null>(null);
  const [error, setError] = useState('');
  const [township, setTownship] = useState<Org | null>(null);
  const [villages, setVillages] = useState<Org[] | null>(null);
  const [retry, setRetry] = useState(0);
  const request = useRef(0);

  useEffect(() => {
    let stopped = false;
    setError('');
    void (async () => {
      try {
        const cities = await childOrgs(undefined);
        const counties = (await Promise.all(cities.map((c) => childOrgs(c.id, 'county')))).flat();
        const townships = await Promise.all(counties.map((c) => childOrgs(c.id, 'township')));
        if (!stopped) setGroups(counties.map((county, i) => ({ county, townships: townships[i] })).filter((g) => g.townships.length > 0));
      } catch (err) {
        if (!stopped) setError(errorMessage(err));
      }
    })();
    return () => {
      stopped = true;
    };
  }, [retry]);

  const pickTownship = async (t: Org) => {
    const mine = ++request.current;
    setTownship(t);
    setVillages(null);
    setError('');
    try {
      const list = await childOrgs(t.id, 'village');
      if (mine === request.current) setVillages(list);
    } catch (err) {
      if (mine === request.current) {
        setVillages([]);
        setError(errorMessage(err));
      }
    }
  };

  return (
    <View className='card' id='home-picker'>
      <View className='nt-spread'>
        <Text className='card-title'>选择您所在的村（社区）</Text>
        {onCancel && (
          <Text className='nt-link' id='home-picker-cancel' onClick={onCancel}>
            收起
          </Text>
        )}
      </View>
      {error && (
        <View className='nt-spread' id='home-picker-error'>
          <Text className='muted'>{error}</Text>
          <Text
            className='nt-chip'
            id='home-picker-retry'
            onClick={() => (township ? void pickTownship(township) : setRetry((n) => n + 1))}
          >
            重试
          </Text>
        </View>
      )}
      {!groups && !error && <Text className='muted'>加载中…</Text>}
      {groups?.length === 0 && <Text className='muted'>暂无可选的乡镇</Text>}
      {groups?.map((g) => (
        <View key={g.county.id}>
          <Text className='nt-label'>{`${g.county.name} · 乡镇（街道）`}</Text>
          <View className='nt-chips'>
            {g.townships.map((t) => (
              <Text
                key={t.id}
                id={`home-pick-township-${t.id}`}
                className={`nt-chip${township?.id === t.id ? ' nt-chip--on' : ''}`}
                onClick={() => void pickTownship(t)}
              >
                {t.name}
              </Text>
            ))}
          </View>
        </View>
      ))}
      {township && (
        <View id='home-picker-villages'>
          <Text className='nt-label'>{`${township.name} · 村（社区）`}</Text>
          {villages === null ? (
            <Text className='muted'>加载中…</Text>
          ) : villages.length === 0 ? (
            <Text className='muted'>暂无村（社区）</Text>
          ) : (
            <View className='nt-chips'>
              {villages.map((v) => (
                <Text
                  key={v.id}
                  id={`home-pick-village-${v.id}`}
                  className='nt-chip'
                  onClick={() => onPick({ id: v.id, name: v.name, townshipName: township.name })}
                >
                  {v.name}
                </Text>
              ))}
            </View>
          )}
        </View>
      )}
    </View>
  );
}

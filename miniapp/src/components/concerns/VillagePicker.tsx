// Which village a concern is about: starts at the user's own village; 「更换」 opens county → township → village chips
// (listOrgs with parentId, one level at a time).
import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import type { Org } from '@shared/schemas/people';
import { showApiError } from '../../api/client';
import { childOrgs, type VillagePlace } from '../../lib/orgs';
import './concerns.scss';

export interface VillagePickerProps {
  value: VillagePlace | null;
  onChange: (place: VillagePlace) => void;
}

export default function VillagePicker({ value, onChange }: VillagePickerProps) {
  const [open, setOpen] = useState(false);
  const [counties, setCounties] = useState<Org[] | null>(null);
  const [townships, setTownships] = useState<Org[] | null>(null);
  const [villages, setVillages] = useState<Org[] | null>(null);
  const [countyId, setCountyId] = useState<string | null>(null);
  const [township, setTownship] = useState<Org | null>(null);
  const request = useRef(0);

  const pickTownship = async (t: Org) => {
    const seq = ++request.current;
    setTownship(t);
    setVillages(null);
    try {
      const list = await childOrgs(t.id, 'village');
      if (seq === request.current) setVillages(list);
    } catch (err) {
      if (seq === request.current) setVillages([]);
      showApiError(err);
    }
  };

  const pickCounty = async (id: string, townshipId?: string) => {
    const seq = ++request.current;
    setCountyId(id);
    setTownships(null);
    setTownship(null);
    setVillages(null);
    try {
      const list = await childOrgs(id, 'township');
      if (seq !== request.current) return;
      setTownships(list);
      const start = list.find((t) => t.id === townshipId);
      if (start) await pickTownship(start);
    } catch (err) {
      if (seq === request.current) setTownships([]);
      showApiError(err);
    }
  };

  // Opening the picker loads the counties and walks down to the current choice.
  useEffect(() => {
    if (!open || counties) return;
    void (async () => {
      try {
        const [city] = await childOrgs(undefined, 'city');
        const list = city ? await childOrgs(city.id, 'county') : [];
        setCounties(list);
        const start = value?.countyId ?? (list.length === 1 ? list[0].id : undefined);
        if (start) await pickCounty(start, value?.townshipId);
      } catch (err) {
        setCounties([]);
        showApiError(err);
      }
    })();
  }, [open]); // only on opening: later choices are made by tapping

  const pickVillage = (v: Org) => {
    if (!countyId || !township) return;
    onChange({ countyId, townshipId: township.id, townshipName: township.name, villageId: v.id, villageName: v.name });
    setOpen(false);
  };

  return (
    <View id='cs-village-picker'>
      <View className='cs-place'>
        <Text className='cs-place__name' id='cs-village'>
          {value ? `${value.townshipName} · ${value.villageName}` : '请选择事情所在的村（社区）'}
        </Text>
        <Text className='cs-place__change' id='cs-village-change' onClick={() => setOpen(!open)}>
          {open ? '收起' : value ? '更换' : '选择'}
        </Text>
      </View>
      {open && (
        <View className='cs-picker'>
          <Text className='cs-picker__step'>区县</Text>
          {counties === null ? (
            <Text className='muted'>加载中…</Text>
          ) : (
            <View className='cs-chips'>
              {counties.map((c) => (
                <Text
                  key={c.id}
                  id={`cs-pick-county-${c.id}`}
                  className={`cs-chip${countyId === c.id ? ' cs-chip--on' : ''}`}
                  onClick={() => void pickCounty(c.id)}
                >
                  {c.name}
                </Text>
              ))}
            </View>
          )}
          {countyId && (
            <>
              <Text className='cs-picker__step'>乡镇（街道）</Text>
              {townships === null ? (
                <Text className='muted'>加载中…</Text>
              ) : townships.length === 0 ? (
                <Text className='muted'>暂无乡镇</Text>
              ) : (
                <View className='cs-chips'>
                  {townships.map((t) => (
                    <Text
                      key={t.id}
                      id={`cs-pick-township-${t.id}`}
                      className={`cs-chip${township?.id === t.id ? ' cs-chip--on' : ''}`}
                      onClick={() => void pickTownship(t)}
                    >
                      {t.name}
                    </Text>
                  ))}
                </View>
              )}
            </>
          )}
          {township && (
            <>
              <Text className='cs-picker__step'>村（社区）</Text>
              {villages === null ? (
                <Text className='muted'>加载中…</Text>
              ) : villages.length === 0 ? (
                <Text className='muted'>暂无村（社区）</Text>
              ) : (
                <View className='cs-chips'>
                  {villages.map((v) => (
                    <Text
                      key={v.id}
                      id={`cs-pick-village-${v.id}`}
                      className={`cs-chip${value?.villageId === v.id ? ' cs-chip--on' : ''}`}
                      onClick={() => pickVillage(v)}
                    >
                      {v.name}
                    </Text>
                  ))}
                </View>
              )}
            </>
          )}
        </View>
      )}
    </View>
  );
}

// Picks the org a people page works on: one of the user's own orgs, then down the tree to any org below it (any depth).
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { Org } from '@shared/schemas/people';
import { childOrgs, lookupOrg } from '../../lib/orgs';
import './people.scss';

interface Props {
  /** The user's own orgs (where their grants are): the tops they may start from. */
  roots: string[];
  /** Where to start (an org of the path below a root), else the first root. */
  initial?: string;
  /** The chosen org with the way down to it from its root. */
  onChange: (org: Org, trail: Org[]) => void;
}

export default function OrgPicker({ roots, initial, onChange }: Props) {
  const [tops, setTops] = useState<Org[]>([]);
  const [trail, setTrail] = useState<Org[]>([]);
  const [children, setChildren] = useState<Org[] | null>(null);

  useEffect(() => {
    let live = true;
    void Promise.all(roots.map(lookupOrg)).then((orgs) => {
      if (!live) return;
      const found = orgs.filter((o): o is Org => !!o);
      setTops(found);
      const start = found.find((o) => o.id === initial) ?? found[0];
      if (start) setTrail([start]);
    });
    return () => {
      live = false;
    };
  }, [roots.join(','), initial]);

  const current = trail[trail.length - 1];
  useEffect(() => {
    if (!current) return;
    let live = true;
    setChildren(null);
    onChange(current, trail);
    void childOrgs(current.id).then((list) => live && setChildren(list));
    return () => {
      live = false;
    };
  }, [current?.id]);

  if (!current) return <Text className='muted'>正在读取组织…</Text>;

  return (
    <View className='card pp-picker' id='org-picker'>
      <Text className='card-title'>{current.name}</Text>
      <View className='pp-row'>
        {trail.length > 1 && (
          <Text className='pp-link' id='org-up' onClick={() => setTrail(trail.slice(0, -1))}>
            返回上一级
          </Text>
        )}
        {tops.length > 1 &&
          tops
            .filter((t) => t.id !== trail[0]?.id)
            .map((t) => (
              <Text className='pp-link' key={t.id} onClick={() => setTrail([t])}>
                {t.name}
              </Text>
            ))}
      </View>
      {children && children.length > 0 && (
        <View className='pp-row' id='org-children'>
          {children.map((c) => (
            <Text className='pp-chip' key={c.id} id={`org-${c.id}`} onClick={() => setTrail([...trail, c])}>
              {c.name}
            </Text>
          ))}
        </View>
      )}
    </View>
  );
}

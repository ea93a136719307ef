// 我的身份: each grant as role · org, with the orgs above it (looked up once per org).
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { Grant } from '@shared/schemas/people';
import { ROLE_LABELS, ROLE_ORDER } from '../../lib/labels';
import { describeOrg, type OrgPlace } from '../../lib/orgs';

/** undefined: still looking it up; null: not found. */
type Places = Record<string, OrgPlace | null | undefined>;

export const sortGrants = (grants: Grant[]): Grant[] =>
  [...grants].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));

export default function GrantsCard({ grants }: { grants: Grant[] }) {
  const [places, setPlaces] = useState<Places>({});

  useEffect(() => {
    let live = true;
    for (const orgId of new Set(grants.map((g) => g.orgId))) {
      void describeOrg(orgId).then((place) => {
        if (live) setPlaces((prev) => ({ ...prev, [orgId]: place }));
      });
    }
    return () => {
      live = false;
    };
  }, [grants]);

  const sorted = sortGrants(grants);
  return (
    <View className='card'>
      <Text className='card-title'>我的身份</Text>
      <View id='grants'>
        {sorted.length === 0 && (
          <View className='grant'>
            <Text className='grant__text'>{ROLE_LABELS.resident}</Text>
          </View>
        )}
        {sorted.map((g, i) => {
          const place = places[g.orgId];
          const orgName = place === undefined ? '…' : (place?.name ?? `组织 ${g.orgId}`);
          return (
            <View className='grant' id={`grant-${i}`} key={`${g.role}:${g.orgId}`}>
              <Text className='grant__text'>{`${ROLE_LABELS[g.role]} · ${orgName}`}</Text>
              {place && place.ancestors.length > 0 && <Text className='muted grant__place'>{place.ancestors.join(' · ')}</Text>}
            </View>
          );
        })}
      </View>
    </View>
  );
}

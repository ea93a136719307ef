// 三项考核 of one org for a month or a year: totals, a bar chart of 出勤率 per row with the 92% line, and the table.
// Township rows drill into a branch's theme days; county/city rows into that org's own assessment.
// ?orgId= (default: the user's own scope), ?month=YYYY-MM or ?year=YYYY (default: this month in Asia/Shanghai).
import { Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { Org } from '@shared/schemas/people';
import { ORG_TYPE_LABELS } from '@shared/labels';
import { monthLabel, shanghaiMonth, shiftMonth } from '@shared/time';
import AssessmentReport, { type AssessmentRow } from '../../../components/assessments/AssessmentReport';
import LoadState from '../../../components/LoadState';
import { usePageGate } from '../../../lib/gate';
import { assessmentRoots } from '../../../lib/grants';
import { loadMe } from '../../../lib/me';
import { go, routeParam } from '../../../lib/nav';
import { lookupOrg } from '../../../lib/orgs';
import { usePageLoad } from '../../../lib/page-load';
import PageShell from '../../../components/PageShell';
import '../../../components/notices/notices.scss';
import '../../../components/assessments/assessments.scss';

type Mode = 'month' | 'year';

const FIRST_YEAR = 2020;

export default function AssessmentPage() {
  const allowed = usePageGate('assessments', { requireLogin: true });
  const params = useRouter().params;
  const thisMonth = shanghaiMonth();

  const [orgId, setOrgId] = useState(routeParam(params, 'orgId'));
  const [org, setOrg] = useState<Org | null>(null);
  const [mode, setMode] = useState<Mode>(params.year ? 'year' : 'month');
  const [month, setMonth] = useState(params.month && /^\d{4}-\d{2}$/.test(params.month) ? params.month : thisMonth);
  const [year, setYear] = useState(params.year && /^\d{4}$/.test(params.year) ? params.year : thisMonth.slice(0, 4));

  /** Which orgs the user may assess (null: none), found once; the report below loads once the org is known. */
  const scope = usePageLoad(async () => {
    const me = await loadMe();
    const ids = assessmentRoots(me);
    const roots = (await Promise.all(ids.map(lookupOrg))).filter((o): o is Org => !!o);
    const id = orgId || ids[0];
    if (!id) return null;
    setOrgId(id);
    return roots;
  });

  useDidShow(() => {
    if (allowed && scope.status !== 'ready') void scope.reload();
  });

  usePullDownRefresh(() => {
    // Once the scope is known, the report reloads itself.
    if (scope.status !== 'ready') void scope.reload().finally(() => Taro.stopPullDownRefresh());
  });

  useEffect(() => {
    let current = true;
    if (orgId) void lookupOrg(orgId).then((o) => current && setOrg(o));
    return () => {
      current = false;
    };
  }, [orgId]);

  if (!allowed) return <View />;

  if (scope.status === 'ready' && !scope.data) {
    return (
      <PageShell>
        <View className='state' id='as-none'>
          <Text className='state-text'>三项考核面向乡镇组织委员和支部书记</Text>
        </View>
      </PageShell>
    );
  }

  const period = mode === 'month' ? { month } : { year };
  const periodText = mode === 'month' ? monthLabel(month) : `${year}年`;

  const open = (row: AssessmentRow) => {
    if (row.type === 'branch') {
      void go('assessmentBranch', { branchId: row.branchId, name: row.name, ...period });
    } else if (row.orgId !== orgId) {
      void go('assessments', { orgId: row.orgId, ...period });
    }
  };

  const canNext = mode === 'month' ? month < thisMonth : year < thisMonth.slice(0, 4);
  const canPrev = mode === 'month' ? month > `${FIRST_YEAR}-01` : Number(year) > FIRST_YEAR;
  const step = (delta: number) => {
    if (delta > 0 && !canNext) return;
    if (delta < 0 && !canPrev) return;
    if (mode === 'month') setMonth(shiftMonth(month, delta));
    else setYear(String(Number(year) + delta));
  };

  const roots = scope.data ?? [];

  return (
    <PageShell id='as-view'>
      <View className='nt-hero'>
        <Text className='nt-hero__title' id='as-org-name'>
          {org?.name ?? '三项考核'}
        </Text>
        <Text className='nt-hero__sub'>{`${org ? `${ORG_TYPE_LABELS[org.type]} · ` : ''}党员出勤 · 支部组织 · 乡镇指导`}</Text>
      </View>

      {roots.length > 1 && !params.orgId && (
        <View className='nt-chips as-scopes' id='as-scopes'>
          {roots.map((o) => (
            <Text key={o.id} id={`as-scope-${o.id}`} className={`nt-chip${o.id === orgId ? ' nt-chip--on' : ''}`} onClick={() => setOrgId(o.id)}>
              {o.name}
            </Text>
          ))}
        </View>
      )}

      <View className='nt-chips'>
        <Text id='as-mode-month' className={`nt-chip${mode === 'month' ? ' nt-chip--on' : ''}`} onClick={() => setMode('month')}>
          按月
        </Text>
        <Text id='as-mode-year' className={`nt-chip${mode === 'year' ? ' nt-chip--on' : ''}`} onClick={() => setMode('year')}>
          按年
        </Text>
      </View>

      <View className='as-period' id='as-period'>
        <Text className={`as-period__arrow${canPrev ? '' : ' as-period__arrow--off'}`} id='as-prev' onClick={() => step(-1)}>
          {mode === 'month' ? '‹ 上月' : '‹ 上一年'}
        </Text>
        {mode === 'month' ? (
          <Picker mode='date' fields='month' id='as-month' value={month} start={`${FIRST_YEAR}-01`} end={thisMonth} onChange={(e) => setMonth(String(e.detail.value).slice(0, 7))}>
            <Text className='as-period__value' id='as-period-value'>
              {periodText}
            </Text>
          </Picker>
        ) : (
          <Text className='as-period__value' id='as-period-value'>
            {periodText}
          </Text>
        )}
        <Text className={`as-period__arrow${canNext ? '' : ' as-period__arrow--off'}`} id='as-next' onClick={() => step(1)}>
          {mode === 'month' ? '下月 ›' : '下一年 ›'}
        </Text>
      </View>

      {scope.status !== 'ready' ? (
        <LoadState id='as' status={scope.status} message={scope.error} onRetry={() => void scope.reload()} />
      ) : (
        <AssessmentReport key={`${orgId}|${mode}|${mode === 'month' ? month : year}`} orgId={orgId} period={period} periodText={periodText} onOpen={open} />
      )}
    </PageShell>
  );
}

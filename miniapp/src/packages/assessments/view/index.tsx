// 三项考核 of one org for a month or a year: totals, a bar chart of 出勤率 per row with the 92% line, and the table.
// Township rows drill into a branch's theme days; county/city rows into that org's own assessment.
// ?orgId= (default: the user's own scope), ?month=YYYY-MM or ?year=YYYY (default: this month in Asia/Shanghai).
import { Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Assessment } from '@shared/schemas/notices';
import type { Org } from '@shared/schemas/people';
import { ORG_TYPE_LABELS } from '@shared/labels';
import { monthLabel, shanghaiMonth, shiftMonth } from '@shared/time';
import { api, errorMessage, isApiError } from '../../../api/client';
import { ratePercent } from '../../../lib/assessments';
import { usePageGate } from '../../../lib/gate';
import { assessmentRoots } from '../../../lib/grants';
import { loadMe } from '../../../lib/me';
import { go, routeParam } from '../../../lib/nav';
import { lookupOrg } from '../../../lib/orgs';
import AssessmentTable from '../../../components/assessments/AssessmentTable';
import AttendanceChart from '../../../components/assessments/AttendanceChart';
import LoadState from '../../../components/LoadState';
import '../../../components/notices/notices.scss';

type Status = 'loading' | 'error' | 'ready' | 'none';
type Row = Assessment['rows'][number];
type Mode = 'month' | 'year';

const FIRST_YEAR = 2020;

export default function AssessmentPage() {
  const allowed = usePageGate('assessments', { requireLogin: true });
  const params = useRouter().params;
  const thisMonth = shanghaiMonth();

  const [roots, setRoots] = useState<Org[]>([]);
  const [orgId, setOrgId] = useState(routeParam(params, 'orgId'));
  const [org, setOrg] = useState<Org | null>(null);
  const [mode, setMode] = useState<Mode>(params.year ? 'year' : 'month');
  const [month, setMonth] = useState(params.month && /^\d{4}-\d{2}$/.test(params.month) ? params.month : thisMonth);
  const [year, setYear] = useState(params.year && /^\d{4}$/.test(params.year) ? params.year : thisMonth.slice(0, 4));

  const [status, setStatus] = useState<Status>('loading');
  const [loadError, setLoadError] = useState('');
  const [data, setData] = useState<Assessment | null>(null);
  const seq = useRef(0);
  const [scopeReady, setScopeReady] = useState(false);

  const period = mode === 'month' ? month : year;

  const fetchAssessment = useCallback(
    async (id: string, m: Mode, p: string) => {
      const mine = ++seq.current;
      setStatus((s) => (s === 'ready' ? s : 'loading'));
      try {
        const [res, o] = await Promise.all([
          api('getAssessment', { params: { orgId: id }, query: m === 'month' ? { month: p } : { year: p } }),
          lookupOrg(id),
        ]);
        if (mine !== seq.current) return;
        setData(res);
        setOrg(o);
        setStatus('ready');
      } catch (err) {
        if (mine !== seq.current || (isApiError(err) && err.status === 401)) return;
        setData(null);
        setLoadError(errorMessage(err));
        setStatus('error');
      }
    },
    [],
  );

  /** First show: which orgs the user may assess; the effect below fetches once the org is known. */
  const start = useCallback(async () => {
    setStatus('loading');
    try {
      const me = await loadMe();
      const ids = assessmentRoots(me);
      const orgs = (await Promise.all(ids.map(lookupOrg))).filter((o): o is Org => !!o);
      setRoots(orgs);
      const id = orgId || ids[0];
      if (!id) {
        setStatus('none');
        return;
      }
      setOrgId(id);
      setScopeReady(true);
    } catch (err) {
      if (isApiError(err) && err.status === 401) return;
      setLoadError(errorMessage(err));
      setStatus('error');
    }
  }, [orgId]);

  useDidShow(() => {
    if (allowed && !scopeReady) void start();
  });

  useEffect(() => {
    if (scopeReady && orgId) void fetchAssessment(orgId, mode, period);
  }, [scopeReady, orgId, mode, period, fetchAssessment]);

  usePullDownRefresh(() => {
    const done = () => Taro.stopPullDownRefresh();
    if (scopeReady && orgId) void fetchAssessment(orgId, mode, period).finally(done);
    else void start().finally(done);
  });

  if (!allowed) return <View />;

  if (status === 'none') {
    return (
      <View className='page'>
        <View className='state' id='as-none'>
          <Text className='state-text'>三项考核面向乡镇组织委员和支部书记</Text>
        </View>
      </View>
    );
  }

  const retry = () => (scopeReady && orgId ? void fetchAssessment(orgId, mode, period) : void start());

  const open = (row: Row) => {
    if (row.type === 'branch') {
      void go('assessmentBranch', { branchId: row.branchId, name: row.name, ...(mode === 'month' ? { month } : { year }) });
    } else if (row.orgId !== orgId) {
      void go('assessments', { orgId: row.orgId, ...(mode === 'month' ? { month } : { year }) });
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

  const rows = data?.rows ?? [];
  const totals = data?.totals;
  const periodText = mode === 'month' ? monthLabel(month) : `${year}年`;
  const rowsAre = rows[0]?.type === 'branch' || !rows.length ? '支部' : ORG_TYPE_LABELS[rows[0].type];

  return (
    <View className='page' id='as-view'>
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

      {status !== 'ready' || !data || !totals ? (
        <LoadState id='as' status={status === 'error' ? 'error' : 'loading'} message={loadError} onRetry={retry} />
      ) : (
        <>
          <View className='card' id='as-totals'>
            <Text className='card-title'>{`${periodText}合计`}</Text>
            <View className='as-totals'>
              <View className='as-totals__cell'>
                <Text className='as-totals__num as-totals__rate' id='as-total-rate'>
                  {ratePercent(totals.attendanceRate)}
                </Text>
                <Text className='as-totals__label'>出勤率</Text>
              </View>
              <View className='as-totals__cell'>
                <Text className='as-totals__num'>{`${totals.present}/${totals.expected}`}</Text>
                <Text className='as-totals__label'>实到/应到</Text>
              </View>
              <View className='as-totals__cell'>
                <Text className='as-totals__num'>{`${totals.leave} · ${totals.online}`}</Text>
                <Text className='as-totals__label'>请假 · 线上</Text>
              </View>
              <View className='as-totals__cell'>
                <Text className='as-totals__num'>{totals.themeDaysHeld}</Text>
                <Text className='as-totals__label'>党日次数</Text>
              </View>
              <View className='as-totals__cell'>
                <Text className='as-totals__num'>{`${totals.previewsOnTime} · ${totals.closedWithSummary}`}</Text>
                <Text className='as-totals__label'>按时预告 · 有总结</Text>
              </View>
              <View className='as-totals__cell'>
                <Text className='as-totals__num'>{totals.guidanceCount}</Text>
                <Text className='as-totals__label'>指导次数</Text>
              </View>
            </View>
            <Text className='muted'>出勤率 = 实到 ÷ 应到（仅统计已结束的主题党日）；请假、线上参与单列，不计入实到。点赞、支持数不计入考核。</Text>
          </View>

          <View className='card'>
            <Text className='card-title'>{`各${rowsAre}出勤率`}</Text>
            {rows.length === 0 ? (
              <Text className='nt-empty' id='as-empty'>
                暂无下属支部
              </Text>
            ) : (
              <AttendanceChart rows={rows} onOpen={open} />
            )}
          </View>

          {rows.length > 0 && (
            <View className='card'>
              <View className='nt-spread'>
                <Text className='card-title'>考核明细</Text>
                <Text className='muted'>{rows[0].type === 'branch' ? '点支部查看主题党日' : '点名称查看下级'}</Text>
              </View>
              <AssessmentTable rows={rows} totals={totals} onOpen={open} />
            </View>
          )}
        </>
      )}
    </View>
  );
}

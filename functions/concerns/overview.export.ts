// The township overview as an .xlsx file: apart from the service so that an exports function can import it alone
// (the .xlsx writer stays out of the bundles that only read the overview).
import type { XlsxFile } from '@shared/schemas/ledger';
import type { Principal } from '../core/policy';
import { xlsxFile } from '../core/spreadsheet';
import { concernOverview, round, type Row } from './overview.service';

const pct = (n: number | null) => (n === null ? null : `${round(n * 100)}%`);

export async function exportConcernOverview(principal: Principal, townshipId: string, month: string): Promise<XlsxFile> {
  const o = await concernOverview(principal, townshipId, month);
  const line = (name: string, r: Row) => [name, r.received, r.resolved, r.overdue, r.avgResolveHours, r.feedbackCount, pct(r.satisfactionRate), r.avgRating];
  return xlsxFile(`群众说事概览-${month}`, [{
    name: month,
    header: ['驻点', '受理', '办结', '超期', '平均办结时长(小时)', '评价数', '满意率', '平均评分'],
    rows: [
      ...o.stations.map((s) => line(s.stationName, s)),
      line('合计', o.total),
      [],
      ['超期最久', '编号', '事项', '驻点', '承诺时限', '超期天数'],
      ...o.worstOverdue.map((c, i) => [String(i + 1), c.trackingNo, c.title, c.stationName, c.dueAt, c.daysOverdue]),
    ],
  }]);
}

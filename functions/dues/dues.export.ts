// The month's dues register as an .xlsx file: apart from the service so that an exports function can import it alone.
import type { XlsxFile } from '@shared/schemas/ledger';
import type { Principal } from '../core/policy';
import { xlsxFile } from '../core/spreadsheet';
import { duesRegister } from './dues.service';

export async function exportDues(principal: Principal, branchId: string, month: string): Promise<XlsxFile> {
  const reg = await duesRegister(principal, branchId, month);
  return xlsxFile(`党费交纳-${month}`, [{
    name: month,
    header: ['姓名', '申报金额(元)', '状态', '交纳日期', '登记人'],
    rows: [
      ...reg.items.map((i) => [i.displayName, i.amount, i.paid ? '已交' : '未交', i.paidOn, i.markedBy]),
      [],
      ['应交人数', reg.expected],
      ['已交人数', reg.paidCount],
      ['未交人数', reg.unpaidCount],
      ['已交合计(元)', reg.totalPaid],
    ],
  }]);
}

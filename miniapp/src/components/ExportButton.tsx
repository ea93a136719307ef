// 导出台账 beside the list it exports: fetches the .xlsx and saves it (lib/ledger), errors as the API's message.
import type { XlsxFile } from '@shared/schemas/ledger';
import { showApiError } from '../api/client';
import { exportXlsx } from '../lib/ledger';
import { Button } from './nut';

export default function ExportButton({ id, fetch, label = '导出台账' }: { id: string; fetch: () => Promise<XlsxFile>; label?: string }) {
  return (
    <Button id={id} size='small' onClick={() => void exportXlsx(fetch).catch(showApiError)}>
      {label}
    </Button>
  );
}

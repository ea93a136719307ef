// 台账 files in the app: picking an .xlsx/CSV to import (a file from a WeChat chat on weapp, the browser's picker on
// H5) and saving an exported .xlsx (opened with WeChat's document viewer, which can forward it; downloaded on H5).
import Taro from '@tarojs/taro';
import type { XlsxFile } from '@shared/schemas/ledger';
import { api } from '../api/client';
import { IS_WEAPP } from '../env';

export interface PickedFile { fileName: string; contentBase64: string }

function pickInBrowser(): Promise<PickedFile | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.xlsx,.csv';
    input.onchange = () => {
      const file = input.files?.[0];
      if (!file) return resolve(null);
      const reader = new FileReader();
      reader.onload = () => resolve({ fileName: file.name, contentBase64: String(reader.result).replace(/^data:[^,]*,/, '') });
      reader.onerror = () => reject(new Error('无法读取文件'));
      reader.readAsDataURL(file);
    };
    input.click();
  });
}

/** The chosen file, or null when the user cancelled. */
export async function pickImportFile(): Promise<PickedFile | null> {
  if (!IS_WEAPP) return pickInBrowser();
  try {
    const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] });
    const file = tempFiles[0];
    if (!file) return null;
    const contentBase64 = Taro.getFileSystemManager().readFileSync(file.path, 'base64') as string;
    return { fileName: file.name, contentBase64 };
  } catch {
    return null;
  }
}

export async function saveXlsx(file: XlsxFile): Promise<void> {
  if (IS_WEAPP) {
    const filePath = `${Taro.env.USER_DATA_PATH}/${file.fileName}`;
    Taro.getFileSystemManager().writeFileSync(filePath, file.contentBase64, 'base64');
    await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
    return;
  }
  const bytes = Uint8Array.from(atob(file.contentBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fetches an export and saves it, with a loading toast. */
export async function exportXlsx(fetch: () => Promise<XlsxFile>): Promise<void> {
  void Taro.showLoading({ title: '正在导出' });
  try {
    await saveXlsx(await fetch());
  } finally {
    Taro.hideLoading();
  }
}

export const downloadTemplate = () => exportXlsx(() => api('importTemplate'));

// Saving an exported spreadsheet (the API sends it inline as base64): H5 downloads it as a file; weapp writes it to
// the user data folder and opens it (the document viewer offers forwarding and saving).
import Taro from '@tarojs/taro';
import type { XlsxFile } from '@shared/schemas/practices';
import { IS_WEAPP } from '../env';

export async function saveXlsx(file: XlsxFile): Promise<void> {
  if (IS_WEAPP) {
    const filePath = `${Taro.env.USER_DATA_PATH}/${file.filename}`;
    await new Promise<void>((resolve, reject) =>
      Taro.getFileSystemManager().writeFile({ filePath, data: file.base64, encoding: 'base64', success: () => resolve(), fail: reject }),
    );
    await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
    return;
  }
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

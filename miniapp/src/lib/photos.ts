// Photos of 群众说事: chosen on the phone, compressed there (Taro.compressImage in weapp, a canvas in H5), then sent
// straight to object storage through the short-lived presigned PUT the API hands out. The API checks size and type
// again when the photo is attached. In weapp the bucket's domain must be among the request domains.
import Taro from '@tarojs/taro';
import { CONCERN_RULES } from '@shared/rules/concerns';
import { api } from '../api/client';
import { IS_H5 } from '../env';

/** Longest edge after compression (H5), and the JPEG quality both builds use. */
const MAX_EDGE = 1600;
const QUALITY = 0.7;
const TYPE = 'image/jpeg';

export const PHOTO_MAX = CONCERN_RULES.photos.max;

/** Local paths of up to `count` pictures from the album or the camera; [] when the user cancels. */
export async function choosePhotos(count: number): Promise<string[]> {
  try {
    const res = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    return res.tempFilePaths.slice(0, count);
  } catch {
    return [];
  }
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('图片无法读取'));
    img.src = src;
  });
}

async function compressInBrowser(src: string): Promise<Blob> {
  const img = await loadImage(src);
  const scale = Math.min(1, MAX_EDGE / Math.max(img.naturalWidth, img.naturalHeight, 1));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
  canvas.getContext('2d')?.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('图片压缩失败'))), TYPE, QUALITY));
}

async function compressOnPhone(src: string): Promise<ArrayBuffer> {
  const { tempFilePath } = await Taro.compressImage({ src, quality: Math.round(QUALITY * 100) });
  return new Promise((resolve, reject) =>
    Taro.getFileSystemManager().readFile({ filePath: tempFilePath, success: (r) => resolve(r.data as ArrayBuffer), fail: () => reject(new Error('图片无法读取')) }),
  );
}

/** Compresses and uploads one picture; returns the photo id to attach. Throws an Error with a zh-CN message. */
export async function uploadPhoto(localPath: string): Promise<string> {
  const body = IS_H5 ? await compressInBrowser(localPath) : await compressOnPhone(localPath);
  const size = body instanceof ArrayBuffer ? body.byteLength : body.size;
  if (size > CONCERN_RULES.photos.maxBytes) throw new Error(`照片压缩后仍超过 ${CONCERN_RULES.photos.maxBytes / 1024 / 1024} MB，请换一张`);
  const up = await api('concernPhotoUpload', { body: { contentType: TYPE, size } });
  const status = IS_H5
    ? (await fetch(up.uploadUrl, { method: 'PUT', headers: up.headers, body })).status
    : (await Taro.request({ url: up.uploadUrl, method: 'PUT', header: up.headers, data: body, dataType: '其他', responseType: 'text' })).statusCode;
  if (status !== 200) throw new Error('照片上传失败，请重试');
  return up.photoId;
}

// The privacy guide must name every WeChat data API the app calls, and nothing it does not call.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PRIVACY_GUIDE } from '../../miniapp/src/lib/privacy-guide';

const src = path.resolve(__dirname, '..', '..', 'miniapp', 'src');

/** WeChat APIs that read or write the user's data or devices (identity, camera, location, calendar, contacts …). */
const DATA_APIS = new Set([
  'login', 'getUserProfile', 'getUserInfo', 'getPhoneNumber', 'chooseAvatar',
  'scanCode', 'chooseImage', 'chooseMedia', 'chooseVideo', 'createCameraContext', 'saveImageToPhotosAlbum',
  'getLocation', 'chooseLocation', 'openLocation', 'startLocationUpdate', 'onLocationChange', 'choosePoi',
  'addPhoneCalendar', 'addPhoneRepeatCalendar', 'addPhoneContact', 'chooseAddress', 'chooseInvoice', 'chooseInvoiceTitle',
  'getClipboardData', 'setClipboardData', 'getRecorderManager', 'startRecord', 'makePhoneCall', 'getWeRunData',
  'requestSubscribeMessage', 'chooseMessageFile', 'openBluetoothAdapter', 'startWifi', 'getBatteryInfo',
]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const called = new Set(
  sources(src)
    .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bTaro\.([a-zA-Z]+)\s*\(/g)].map((m) => m[1]!))
    .filter((api) => DATA_APIS.has(api)),
);
const declared = new Set(PRIVACY_GUIDE.flatMap((item) => item.apis));

describe('privacy guide', () => {
  it('declares every data API the app calls, and only those', () => {
    expect([...declared].sort()).toEqual([...called].sort());
    expect(called.size).toBeGreaterThan(0);
  });

  it('turns on WeChat’s privacy check in app.json', () => {
    expect(readFileSync(path.join(src, 'app.config.ts'), 'utf8')).toMatch(/__usePrivacyCheck__:\s*true/);
  });
});

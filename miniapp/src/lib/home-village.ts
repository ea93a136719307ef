// The village a visitor chose on 首页 (whose public notices they read without logging in), kept on the device.
import Taro from '@tarojs/taro';

const HOME_VILLAGE_KEY = 'ps.home.village';

export interface ChosenVillage {
  id: string;
  name: string;
  townshipName: string;
}

export function getChosenVillage(): ChosenVillage | null {
  try {
    const v = Taro.getStorageSync(HOME_VILLAGE_KEY) as ChosenVillage | '' | undefined;
    return typeof v === 'object' && v !== null && typeof v.id === 'string' ? v : null;
  } catch {
    return null;
  }
}

export function setChosenVillage(v: ChosenVillage): void {
  try {
    Taro.setStorageSync(HOME_VILLAGE_KEY, v);
  } catch {
    // storage unavailable: the choice lasts for this visit only
  }
}

// The moderation queue's index keys: one partition per township (the third org of a path), and an org's queue is a
// key prefix of it, at any depth.
import { moderationKeys, parseReflectionId, queueKeys, queueScope, reflectionItemId } from '../../functions/moderation/moderation.entity';

const branch = ['huzhou', 'anji', 'tianhuangping', 'yucun', 'yucun-dzb'];
const village = branch.slice(0, 4);
const township = branch.slice(0, 3);
const queue = moderationKeys.queue('tianhuangping');

describe('queue keys', () => {
  it('put an org’s items under its township, with the org path below the township as the key prefix', () => {
    const idea = queueKeys(branch, '2026-11-26T01:00:00.000Z', 'idea', '01JIDEA');
    const concern = queueKeys(village, '2026-11-26T02:00:00.000Z', 'concern', '01JCONCERN');
    expect(idea).toEqual({ gsi3pk: queue, gsi3sk: 'yucun/yucun-dzb/#2026-11-26T01:00:00.000Z#idea#01JIDEA' });
    expect(concern).toEqual({ gsi3pk: queue, gsi3sk: 'yucun/#2026-11-26T02:00:00.000Z#concern#01JCONCERN' });
    expect(queueScope(township)).toEqual({ pk: queue, prefix: '' });
    expect(queueScope(village)).toEqual({ pk: queue, prefix: 'yucun/' });
    expect(queueScope(branch)).toEqual({ pk: queue, prefix: 'yucun/yucun-dzb/' });
  });

  it('keep a village’s prefix from matching another village whose id starts the same', () => {
    const other = queueKeys(['huzhou', 'anji', 'tianhuangping', 'yucun2', 'yucun2-dzb'], '2026-11-26T01:00:00.000Z', 'idea', '01JOTHER');
    expect(other.gsi3sk!.startsWith(queueScope(village)!.prefix)).toBe(false);
    expect(queueKeys(branch, '2026-11-26T01:00:00.000Z', 'idea', 'x').gsi3sk!.startsWith(queueScope(village)!.prefix)).toBe(true);
  });

  it('work at any depth: a branch under a 党总支 in a village, a 两新 branch under a street, a 机关 branch under a 县委', () => {
    const deep = ['huzhou', 'anji', 'tianhuangping', 'yucun', 'yucun-zzb', 'yucun-zzb-1'];
    expect(queueKeys(deep, '2026-11-26T01:00:00.000Z', 'idea', 'x').gsi3sk).toBe('yucun/yucun-zzb/yucun-zzb-1/#2026-11-26T01:00:00.000Z#idea#x');
    expect(queueKeys(deep, '2026-11-26T01:00:00.000Z', 'idea', 'x').gsi3sk!.startsWith(queueScope(deep.slice(0, 5))!.prefix)).toBe(true);
    const street = ['huzhou', 'wuxing', 'feiying', 'feiying-lx'];
    expect(queueScope(street)).toEqual({ pk: moderationKeys.queue('feiying'), prefix: 'feiying-lx/' });
    const county = ['huzhou', 'deqing', 'deqing-xw', 'deqing-xw-jg'];
    expect(queueScope(county.slice(0, 3))).toEqual({ pk: moderationKeys.queue('deqing-xw'), prefix: '' });
    expect(queueKeys(county, '2026-11-26T01:00:00.000Z', 'idea', 'x').gsi3sk!.startsWith(queueScope(county.slice(0, 3))!.prefix)).toBe(true);
  });

  it('give no queue to an org above a township', () => {
    expect(queueScope(['huzhou', 'anji'])).toBeUndefined();
    expect(queueKeys(['huzhou', 'anji'], '2026-11-26T01:00:00.000Z', 'idea', 'x')).toEqual({});
  });

  it('name a reflection by its day and member, and read the name back', () => {
    const id = reflectionItemId('01JDAY', 'u-demo-member-1');
    expect(parseReflectionId(id)).toEqual({ themeDayId: '01JDAY', userId: 'u-demo-member-1' });
    expect(parseReflectionId('no-separator')).toBeUndefined();
    expect(parseReflectionId('_u-1')).toBeUndefined();
    expect(parseReflectionId('01JDAY_')).toBeUndefined();
  });
});

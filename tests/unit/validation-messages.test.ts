// The words a form shows come from the shared schemas: they must say the rule that failed.
import { PhoneNumber } from '../../shared/schemas/common';
import { CreateIdeaBody, OnlineParticipationBody } from '../../shared/schemas/themeday';
import { formatDateKey } from '../../shared/time';

const firstMessage = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;

describe('validation messages say the rule', () => {
  it('a short reflection: 至少 10 个字, as the counter says', () => {
    expect(firstMessage(OnlineParticipationBody().safeParse({ content: '太短了' }))).toBe('心得至少 10 个字');
  });

  it('an empty title: 不能为空 (its minimum is one character)', () => {
    expect(firstMessage(CreateIdeaBody().safeParse({ title: ' ', content: '内容', category: 'oath' }))).toBe('标题不能为空');
  });

  it('phone numbers: the length first, then whether it is a mobile number', () => {
    expect(firstMessage(PhoneNumber().safeParse('1381234'))).toBe('请输入 11 位手机号');
    expect(firstMessage(PhoneNumber().safeParse('12345678901'))).toBe('不是有效的手机号');
    expect(PhoneNumber().safeParse('13812345678').success).toBe(true);
  });
});

describe('the one date format', () => {
  it('shows a picker value as 2026年12月7日', () => {
    expect(formatDateKey('2026-12-07')).toBe('2026年12月7日');
    expect(formatDateKey('2027-01-31')).toBe('2027年1月31日');
  });
});

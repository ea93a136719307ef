// Which templates go into one WeChat subscribe prompt, and what the app reports to the server afterwards.
import type { SubscribeTemplate } from '@shared/schemas/notify';
import { MAX_PER_PROMPT, grantsFor, planPrompt, readOutcome, type TemplateInfo } from '../../miniapp/src/lib/subscribe-plan';

const templates: TemplateInfo[] = [
  { key: 'idea_answered', templateId: 'T-idea', grants: 0 },
  { key: 'theme_day_published', templateId: 'T-day', grants: 2 },
  { key: 'concern_update', templateId: 'T-concern', grants: 0 },
  { key: 'session_reminder', templateId: 'T-session', grants: 1 },
  { key: 'political_birthday', templateId: 'T-birthday', grants: 0 },
];
const on = { mainSwitch: true, itemSettings: {} };

describe('planPrompt', () => {
  it('asks for the configured templates in the caller’s order, each once', () => {
    expect(planPrompt(['session_reminder', 'concern_update', 'session_reminder'], templates, on)).toEqual([
      { key: 'session_reminder', templateId: 'T-session' },
      { key: 'concern_update', templateId: 'T-concern' },
    ]);
  });

  it('puts at most three templates in one prompt (WeChat’s limit)', () => {
    const all: SubscribeTemplate[] = ['idea_answered', 'theme_day_published', 'concern_update', 'session_reminder', 'political_birthday'];
    const plan = planPrompt(all, templates, on);
    expect(MAX_PER_PROMPT).toBe(3);
    expect(plan.map((p) => p.key)).toEqual(['idea_answered', 'theme_day_published', 'concern_update']);
  });

  it('skips templates the server has no id for, and never sends one id twice', () => {
    const partial: TemplateInfo[] = [
      { key: 'idea_answered', templateId: 'T-same', grants: 0 },
      { key: 'concern_update', templateId: 'T-same', grants: 0 },
    ];
    expect(planPrompt(['session_reminder', 'idea_answered', 'concern_update'], partial, on)).toEqual([
      { key: 'idea_answered', templateId: 'T-same' },
    ]);
    expect(planPrompt(['session_reminder'], [], on)).toEqual([]);
  });

  it('asks nothing when the user switched subscribe messages off', () => {
    expect(planPrompt(['session_reminder'], templates, { mainSwitch: false, itemSettings: {} })).toEqual([]);
  });

  it('leaves out what the user always rejects and what WeChat banned; keeps what the user always accepts', () => {
    const settings = { mainSwitch: true, itemSettings: { 'T-session': 'reject', 'T-concern': 'ban', 'T-idea': 'accept' } };
    expect(planPrompt(['session_reminder', 'concern_update', 'idea_answered'], templates, settings)).toEqual([
      { key: 'idea_answered', templateId: 'T-idea' },
    ]);
  });

  it('leaves out templates banned earlier in the session, and fills the prompt with the next ones', () => {
    const banned = new Set<SubscribeTemplate>(['idea_answered']);
    const keys: SubscribeTemplate[] = ['idea_answered', 'theme_day_published', 'concern_update', 'session_reminder'];
    expect(planPrompt(keys, templates, on, banned).map((p) => p.key)).toEqual(['theme_day_published', 'concern_update', 'session_reminder']);
  });

  it('asks when the settings could not be read', () => {
    expect(planPrompt(['political_birthday'], templates, null)).toEqual([{ key: 'political_birthday', templateId: 'T-birthday' }]);
  });
});

describe('readOutcome', () => {
  const asked = [
    { key: 'session_reminder' as const, templateId: 'T-session' },
    { key: 'concern_update' as const, templateId: 'T-concern' },
    { key: 'idea_answered' as const, templateId: 'T-idea' },
  ];

  it('reports accept as a grant and reject or filter as none', () => {
    const answer = { errMsg: 'requestSubscribeMessage:ok', 'T-session': 'accept', 'T-concern': 'reject', 'T-idea': 'filter' };
    expect(readOutcome(asked, answer)).toEqual({
      results: [
        { template: 'session_reminder', accepted: true },
        { template: 'concern_update', accepted: false },
        { template: 'idea_answered', accepted: false },
      ],
      banned: [],
    });
  });

  it('reports ban as no grant and remembers it', () => {
    const out = readOutcome(asked.slice(0, 1), { errMsg: 'requestSubscribeMessage:ok', 'T-session': 'ban' });
    expect(out).toEqual({ results: [{ template: 'session_reminder', accepted: false }], banned: ['session_reminder'] });
  });

  it('reports nothing for ids WeChat did not answer, or answered with something unknown', () => {
    expect(readOutcome(asked, { errMsg: 'requestSubscribeMessage:ok', 'T-other': 'accept', 'T-idea': 'later' })).toEqual({
      results: [],
      banned: [],
    });
  });
});

describe('grantsFor', () => {
  it('counts what the server holds, 0 when unknown', () => {
    expect(grantsFor(templates, 'theme_day_published')).toBe(2);
    expect(grantsFor(templates, 'political_birthday')).toBe(0);
    expect(grantsFor(null, 'session_reminder')).toBe(0);
  });
});

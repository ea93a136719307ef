// The control endpoints of the fake WeChat server started for the run (tests/fakes/wechat-server.ts): the grants it
// holds for a user, the subscribe messages and the content checks it received.
const fake = process.env.WECHAT_API_BASE!;

export interface SentMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
}

/** Messages of one template sent to one user so far, oldest first. */
export async function messagesTo(openid: string, templateId: string): Promise<SentMessage[]> {
  const { messages } = (await (await fetch(`${fake}/__fake/messages`)).json()) as { messages: SentMessage[] };
  return messages.filter((m) => m.touser === openid && m.template_id === templateId);
}

/** WeChat holds `count` one-time grants of the template for the user. */
export async function grantAtWeChat(openid: string, templateId: string, count: number): Promise<void> {
  const res = await fetch(`${fake}/__fake/grants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid, templateId, count }),
  });
  if (!res.ok) throw new Error(`fake WeChat grants: ${res.status}`);
}

export interface SecCheck {
  content: string;
  openid: string;
  scene: number;
}

/** The msg_sec_check requests WeChat received whose content contains `marker`, oldest first. */
export async function secChecksWith(marker: string): Promise<SecCheck[]> {
  const { secChecks } = (await (await fetch(`${fake}/__fake/sec-checks`)).json()) as { secChecks: SecCheck[] };
  return secChecks.filter((c) => c.content.includes(marker));
}

/** WeChat is down (HTTP 503) for subscribe messages to these users while `on`; returns the sends refused so far. */
export async function wechatOutage(openids: string[], on: boolean): Promise<Record<string, number>> {
  const res = await fetch(`${fake}/__fake/outage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openids, on }) });
  return ((await res.json()) as { refused: Record<string, number> }).refused;
}

/** Subscribe messages refused per user during outages so far. */
export async function refusedSends(): Promise<Record<string, number>> {
  return ((await (await fetch(`${fake}/__fake/outage`)).json()) as { refused: Record<string, number> }).refused;
}

/** Waits (polling the fake) until WeChat has refused at least `count` sends to the user during an outage. */
export async function untilRefused(openid: string, count: number): Promise<void> {
  for (let tries = 0; ((await refusedSends())[openid] ?? 0) < count; tries++) {
    if (tries > 600) throw new Error(`WeChat never refused ${count} sends to ${openid}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

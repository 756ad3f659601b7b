import { api } from '../api.js';
import type { TodayView } from '../types.js';

/**
 * Local notifications of today's agenda on this device (no push service: see
 * docs/decisions/0017-offline-pwa.md). Once the user has turned them on (Reminders page), the
 * first time the app is opened or shown on a day with something due — a promise, a follow-up,
 * a waiting introduction, a birthday — the service worker shows one notification; a tap opens
 * Today. The day shown is kept on the device, so it is once a day.
 */
export const NOTIFY = 'tend.notify';
const SHOWN = 'tend.notified';

const dueKinds = new Set(['keep_promise', 'event_follow_up', 'intro_waiting', 'birthday']);

export const notificationsOn = (): boolean =>
  localStorage.getItem(NOTIFY) === 'on' && 'Notification' in window && Notification.permission === 'granted';

/** The notification for today's agenda, or undefined when nothing is due. */
export function agendaNotification(t: TodayView): { title: string; body: string } | undefined {
  const due = t.actions.filter((a) => dueKinds.has(a.kind));
  if (due.length === 0) return undefined;
  const lines = due.slice(0, 3).map((a) => a.title);
  if (due.length > 3) lines.push(`and ${due.length - 3} more`);
  return {
    title: due.length === 1 ? 'Tend: one thing for today' : `Tend: ${due.length} things for today`,
    body: lines.join('\n'),
  };
}

/** Shows today's notification unless it was shown today already (`force`: show it anyway). */
export async function notifyToday(force = false): Promise<boolean> {
  if (!notificationsOn() || !('serviceWorker' in navigator)) return false;
  const t = await api<TodayView>('GET', '/api/today');
  if (!force && localStorage.getItem(SHOWN) === t.date) return false;
  const n = agendaNotification(t);
  if (!n) return false;
  const reg = await navigator.serviceWorker.ready;
  await reg.showNotification(n.title, {
    body: n.body,
    tag: `tend-agenda-${t.date}`,
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    data: { url: '/' },
  });
  localStorage.setItem(SHOWN, t.date);
  return true;
}

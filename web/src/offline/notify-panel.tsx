import { useState } from 'react';
import { ErrorNote } from '../ui.js';
import { NOTIFY, notifyToday } from './notify.js';

type State = 'unsupported' | 'denied' | 'off' | 'on';

const current = (): State => {
  if (!('Notification' in window) || !('serviceWorker' in navigator)) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  return Notification.permission === 'granted' && localStorage.getItem(NOTIFY) === 'on' ? 'on' : 'off';
};

/** The Reminders page's switch for notifications of today's agenda on this device. */
export function NotificationsPanel() {
  const [state, setState] = useState<State>(current);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>();
  const turnOn = async (): Promise<void> => {
    setError(undefined);
    try {
      const answer = await Notification.requestPermission();
      if (answer !== 'granted') {
        setState(current());
        return;
      }
      localStorage.setItem(NOTIFY, 'on');
      setState('on');
      setStatus(
        (await notifyToday(true))
          ? 'On. Today’s notification is shown now.'
          : 'On. Nothing is due today, so there is no notification yet.',
      );
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="panel" aria-labelledby="notify-title">
      <h2 id="notify-title">Notifications on this device</h2>
      <p className="muted">
        Once a day, when you open Tend, a notification lists what is due: promises, follow-ups, introductions
        waiting on you, birthdays. It comes from this device only; Tend sends nothing through a push service.
      </p>
      {state === 'unsupported' && <p>This browser cannot show notifications from Tend.</p>}
      {state === 'denied' && (
        <p>
          Notifications are blocked for this site. Allow them in the browser’s site settings, then reload.
        </p>
      )}
      {state === 'off' && (
        <button type="button" className="primary" onClick={() => void turnOn()}>
          Turn on notifications
        </button>
      )}
      {state === 'on' && (
        <div className="row">
          <span>On for this device.</span>
          <button
            type="button"
            onClick={() => {
              localStorage.removeItem(NOTIFY);
              setState('off');
              setStatus('Off. No more notifications on this device.');
            }}
          >
            Turn off
          </button>
        </div>
      )}
      <p className="muted small" role="status">
        {status}
      </p>
      <ErrorNote error={error} />
    </section>
  );
}

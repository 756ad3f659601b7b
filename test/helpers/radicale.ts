import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { freePort, listening, spawn, stop } from './servers.js';

/**
 * A real CalDAV server for tests: Debian's Radicale on a free port of 127.0.0.1, with one
 * htpasswd user (plain text: a test server) and its storage in a temp dir.
 */
export interface Radicale {
  url: string;
  port: number;
  user: string;
  password: string;
  dir: string;
  stop(): Promise<void>;
}

export const hasRadicale = fs.existsSync('/usr/bin/radicale');

export async function startRadicale(user = 'maya', password = 's3cret-Pa55'): Promise<Radicale> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-radicale-'));
  const port = await freePort();
  fs.writeFileSync(path.join(dir, 'users'), `${user}:${password}\n`);
  fs.writeFileSync(
    path.join(dir, 'config'),
    [
      '[server]',
      `hosts = 127.0.0.1:${port}`,
      '[auth]',
      'type = htpasswd',
      `htpasswd_filename = ${path.join(dir, 'users')}`,
      'htpasswd_encryption = plain',
      'delay = 0',
      '[storage]',
      `filesystem_folder = ${path.join(dir, 'collections')}`,
      '[rights]',
      'type = owner_only',
      '[logging]',
      'level = warning',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('/usr/bin/radicale', ['--config', path.join(dir, 'config')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await listening(port, child, 'radicale');
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    user,
    password,
    dir,
    stop: async () => {
      await stop(child);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates a calendar collection (MKCALENDAR) for the user; returns its URL. */
export async function makeCalendar(r: Radicale, name: string, displayName = name): Promise<string> {
  const url = `${r.url}${r.user}/${name}/`;
  const res = await fetch(url, {
    method: 'MKCALENDAR',
    headers: { authorization: basic(r), 'content-type': 'application/xml' },
    body: `<?xml version="1.0"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>${displayName}</D:displayname><C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>`,
  });
  if (res.status !== 201) throw new Error(`MKCALENDAR ${url}: ${res.status} ${await res.text()}`);
  return url;
}

/** PUTs one event resource (a whole VCALENDAR); returns its URL. */
export async function putEvent(r: Radicale, calendarUrl: string, file: string, ics: string): Promise<string> {
  const url = `${calendarUrl}${file}`;
  const res = await fetch(url, {
    method: 'PUT',
    headers: { authorization: basic(r), 'content-type': 'text/calendar; charset=utf-8' },
    body: ics,
  });
  if (res.status !== 201 && res.status !== 204)
    throw new Error(`PUT ${url}: ${res.status} ${await res.text()}`);
  return url;
}

export async function deleteEvent(r: Radicale, url: string): Promise<void> {
  const res = await fetch(url, { method: 'DELETE', headers: { authorization: basic(r) } });
  if (res.status !== 200 && res.status !== 204) throw new Error(`DELETE ${url}: ${res.status}`);
}

function basic(r: Radicale): string {
  return `Basic ${Buffer.from(`${r.user}:${r.password}`).toString('base64')}`;
}

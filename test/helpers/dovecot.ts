import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { freePort, listening, spawn, stop } from './servers.js';

/**
 * A real IMAP server for tests: Debian's Dovecot as a foreground process (`dovecot -F -c`) with a
 * temp config: one user in a passwd-file, maildirs in a temp dir, IMAP on a free port of
 * 127.0.0.1, no TLS (plaintext login allowed: it only listens on localhost).
 */
export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  dir: string;
  stop(): Promise<void>;
}

export const hasDovecot = fs.existsSync('/usr/sbin/dovecot');

export async function startDovecot(user = 'maya', password = 'imap-Pa55'): Promise<Dovecot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tend-dovecot-'));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  // Dovecot's login processes refuse to run as root, and mail may not be read as root: as root
  // (CI, containers) the Debian package's own users run them and mail belongs to `dovecot`.
  const me = os.userInfo();
  const root = me.uid === 0;
  const mailUid = root ? uidOf('dovecot') : me.uid;
  const mailGid = root ? gidOf('dovecot') : me.gid;
  const home = path.join(dir, 'home', user);
  fs.writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}:${mailUid}:${mailGid}::${home}\n`);
  fs.mkdirSync(home, { recursive: true });
  if (root) fs.chownSync(home, mailUid, mailGid);
  fs.mkdirSync(path.join(dir, 'run'), { recursive: true });
  const conf = path.join(dir, 'dovecot.conf');
  fs.writeFileSync(
    conf,
    [
      `base_dir = ${path.join(dir, 'run')}`,
      `state_dir = ${path.join(dir, 'state')}`,
      'protocols = imap',
      'listen = 127.0.0.1',
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      `log_path = ${path.join(dir, 'dovecot.log')}`,
      `default_login_user = ${root ? 'dovenull' : me.username}`,
      `default_internal_user = ${root ? 'dovecot' : me.username}`,
      `default_internal_group = ${root ? 'dovecot' : me.username}`,
      'mail_location = maildir:~/Maildir',
      `first_valid_uid = ${mailUid}`,
      `first_valid_gid = ${mailGid}`,
      'passdb {',
      '  driver = passwd-file',
      `  args = ${path.join(dir, 'passwd')}`,
      '}',
      'userdb {',
      '  driver = passwd-file',
      `  args = ${path.join(dir, 'passwd')}`,
      '}',
      'service imap-login {',
      '  inet_listener imap {',
      '    address = 127.0.0.1',
      `    port = ${port}`,
      '  }',
      '  inet_listener imaps {',
      '    port = 0',
      '  }',
      '}',
      'service anvil {',
      '  chroot =',
      '}',
      'service imap-login {',
      '  chroot =',
      '}',
      'namespace inbox {',
      '  inbox = yes',
      '  mailbox Sent {',
      '    auto = create',
      '    special_use = \\Sent',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('/usr/sbin/dovecot', ['-F', '-c', conf], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    await listening(port, child, 'dovecot');
  } catch (e) {
    const log = fs.existsSync(path.join(dir, 'dovecot.log'))
      ? fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8')
      : '';
    throw new Error(`${(e as Error).message}\n${log}`);
  }
  return {
    host: '127.0.0.1',
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

function passwdField(user: string, field: 2 | 3): number {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${user}:`));
  if (line === undefined) throw new Error(`no user ${user} (is dovecot-core installed?)`);
  return Number(line.split(':')[field]);
}
const uidOf = (user: string): number => passwdField(user, 2);
const gidOf = (user: string): number => passwdField(user, 3);

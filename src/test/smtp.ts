import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** A minimal real SMTP server on a local socket: accepts every message and keeps it. */
export interface SmtpTestServer {
  server: Server;
  port: number;
  url: string;
  mails: { to: string[]; data: string }[];
  close(): Promise<void>;
}

export function smtpServer(): Promise<SmtpTestServer> {
  const mails: { to: string[]; data: string }[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    let to: string[] = [];
    let inData = false;
    let data = '';
    let buf = '';
    sock.write('220 test ESMTP\r\n');
    sock.on('data', (chunk) => {
      buf += chunk.toString('utf8');
      let idx: number;
      while ((idx = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, idx);
        buf = buf.slice(idx + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            mails.push({ to, data });
            to = [];
            data = '';
            sock.write('250 OK queued\r\n');
          } else data += line + '\n';
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') sock.write('250-test\r\n250 8BITMIME\r\n');
        else if (cmd === 'MAIL') sock.write('250 OK\r\n');
        else if (cmd === 'RCPT') {
          to.push(/<([^>]+)>/.exec(line)?.[1] ?? '');
          sock.write('250 OK\r\n');
        } else if (cmd === 'DATA') {
          inData = true;
          sock.write('354 go ahead\r\n');
        } else if (cmd === 'QUIT') {
          sock.write('221 bye\r\n');
          sock.end();
        } else if (cmd === 'RSET' || cmd === 'NOOP') sock.write('250 OK\r\n');
        else sock.write('502 not implemented\r\n');
      }
    });
  });
  const close = () =>
    new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    });
  return new Promise((r) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      r({ server, port, url: `smtp://127.0.0.1:${port}`, mails, close });
    }),
  );
}

/**
 * A received message's subject and plain text, decoded (RFC 2047 encoded words; a quoted-printable or base64 body):
 * what the recipient reads, for assertions on wording.
 */
export function readMail(data: string): { subject: string; text: string } {
  const split = data.indexOf('\n\n');
  const head = data.slice(0, split).replace(/\n[ \t]+/g, ' ');
  const body = data.slice(split + 2);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1] ?? '';
  const words = (v: string) => v.replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, s: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(s, 'base64').toString('utf8') : qp(s.replace(/_/g, ' ')));
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text = encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    : encoding === 'quoted-printable' ? qp(body.replace(/=\n/g, '')) : body;
  return { subject: words(header('Subject')), text: text.replace(/\r/g, '') };
}

function qp(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i], 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A readable random password (same shape as the server's one-time passwords: xxxxx-xxxxx-xxxxx-xxxxx). */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const limit = 256 - (256 % alphabet.length);
  const chars: string[] = [];
  while (chars.length < 20) {
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    for (const b of bytes) if (b < limit && chars.length < 20) chars.push(alphabet[b % alphabet.length]);
  }
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

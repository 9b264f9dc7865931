// The headers public/_headers gives every path ("/*"), as Netlify and
// Cloudflare Pages read that file: e2e tests serve the build with them.
import { readFileSync } from 'node:fs';

const HEADERS_FILE = new URL('../../public/_headers', import.meta.url);

export function headersForAllPaths(): Record<string, string> {
  const headers: Record<string, string> = {};
  let inAllPaths = false;
  for (const line of readFileSync(HEADERS_FILE, 'utf8').split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      inAllPaths = line.trim() === '/*';
      continue;
    }
    const match = /^\s+([\w-]+):\s*(.+)$/.exec(line);
    if (inAllPaths && match?.[1] && match[2]) headers[match[1]] = match[2].trim();
  }
  return headers;
}

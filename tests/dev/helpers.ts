/** A browser's side of the preview, in plain node:http: fetch the page, and listen to its events. */
import http from 'node:http';
import { eventsPath } from '../../scripts/dev/reload-client.ts';

export interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** GET `url`, on a connection of its own (no keep-alive pool left open behind the test). */
export function get(url: string, headers: http.OutgoingHttpHeaders = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      })
      .on('error', reject);
  });
}

export interface ServerEvent {
  event: string;
  data: string;
}

export interface EventStream {
  /** The next event called `name`, waiting at most `timeout` ms for it. */
  next(name: string, timeout?: number): Promise<ServerEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens the page's event stream and resolves once the server has said hello. */
export async function openEvents(url: string): Promise<EventStream> {
  const received: ServerEvent[] = [];
  const waiting: Array<() => void> = [];
  let endStream!: () => void;
  const ended = new Promise<void>((resolve) => (endStream = resolve));
  const request = http.get(new URL(eventsPath, url), { agent: false });
  await new Promise<void>((resolve, reject) => {
    request.on('error', reject);
    request.on('response', (response) => {
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const field = (name: string) => block.split('\n').find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
          const event = field('event');
          if (event) received.push({ event, data: field('data') ?? '' });
          for (const wake of waiting.splice(0)) wake();
        }
      });
      response.on('close', endStream);
      resolve();
    });
  });
  const stream: EventStream = {
    async next(name, timeout = 10_000) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const index = received.findIndex((e) => e.event === name);
        if (index >= 0) return received.splice(index, 1)[0]!;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`No \`${name}\` event within ${timeout} ms (had: ${received.map((e) => e.event).join(', ') || 'none'})`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiting.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    ended,
    close: () => request.destroy(),
  };
  await stream.next('hello');
  return stream;
}

/** The kinds of handle that would keep node running after the preview is closed. */
export function openHandles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) {
    if (/TCP|FSEvent|StatWatcher|Pipe/.test(kind)) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

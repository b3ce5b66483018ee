import type { Logger } from 'pino';
import type { Database } from './db';

export type RoundOutcome<T> = { status: 'ran'; value: T } | { status: 'skipped' } | { status: 'failed'; error: unknown } | { status: 'stopped' };

export interface Job<T> {
  /** Runs a round now (or joins the one under way); never rejects. */
  runNow(): Promise<RoundOutcome<T>>;
  /** Clears the timer, asks a running round to stop and waits for it at most graceMs. */
  stop(graceMs?: number): Promise<void>;
}

export interface JobOptions<T> {
  name: string;
  database: Pick<Database, 'tryExclusive'>;
  log: Logger;
  /** Advisory-lock key: one node of many runs each round; the others skip it. */
  lockKey: number;
  firstDelayMs: number;
  intervalMs: number;
  run(signal: AbortSignal): Promise<T>;
  /** Log fields for a finished round; `notable` rounds are logged at info, the rest at debug. */
  describe?(value: T): { notable: boolean; fields: Record<string, unknown> };
}

/**
 * A periodic server job: first round after firstDelayMs, then intervalMs after each round ends (rounds never
 * overlap). A failed round is logged and the next one runs as planned; the timer is unref'd, so it never keeps
 * the process alive.
 */
export function startJob<T>(o: JobOptions<T>): Job<T> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<RoundOutcome<T>> | undefined;

  const round = async (): Promise<RoundOutcome<T>> => {
    if (abort.signal.aborted) return { status: 'stopped' };
    const started = performance.now();
    try {
      const r = await o.database.tryExclusive(o.lockKey, () => o.run(abort.signal));
      if (!r.ran) {
        o.log.debug({ job: o.name }, `${o.name}: en annan nod kör redan / another node holds the lock, round skipped`);
        return { status: 'skipped' };
      }
      const d = o.describe?.(r.value) ?? { notable: false, fields: {} };
      o.log[d.notable ? 'info' : 'debug']({ job: o.name, ms: Math.round(performance.now() - started), ...d.fields }, `${o.name}: klar / round done`);
      return { status: 'ran', value: r.value };
    } catch (err) {
      o.log.error({ err, job: o.name }, `${o.name}: körningen misslyckades / round failed`);
      return { status: 'failed', error: err };
    }
  };

  const runNow = () => {
    current ??= round().finally(() => {
      current = undefined;
    });
    return current;
  };

  const schedule = (ms: number) => {
    if (abort.signal.aborted) return;
    timer = setTimeout(() => {
      void runNow().then(() => schedule(o.intervalMs));
    }, ms);
    timer.unref();
  };
  schedule(o.firstDelayMs);

  return {
    runNow,
    async stop(graceMs = 5000) {
      abort.abort();
      clearTimeout(timer);
      if (!current) return;
      let wait: NodeJS.Timeout | undefined;
      await Promise.race([current, new Promise<void>((r) => (wait = setTimeout(r, graceMs).unref()))]);
      clearTimeout(wait);
    },
  };
}

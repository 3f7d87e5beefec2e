/**
 * One chart renderer process: loads Vega once, then draws chart after chart as the pool asks.
 * It holds no state between charts but Vega's own, and is stopped (and replaced) when a chart
 * passes its time or memory budget, so nothing a spec does can outlast its chart.
 */
import { renderSvg, type RenderInput } from '../render.ts';

export interface Job {
  id: number;
  input: RenderInput;
}

const send = process.send?.bind(process);
if (!send) throw new Error('Internal error: charts/worker/thread.ts runs only as a child process');
process.on('message', (job: Job) => {
  renderSvg(job.input).then(
    (output) => send({ id: job.id, output }),
    (error: unknown) => send({ id: job.id, output: { ok: false, error: `Internal error: ${error instanceof Error ? error.stack : String(error)}`, warnings: [] } }),
  );
});
// The build has gone (finished, or stopped): so does its renderer.
process.on('disconnect', () => process.exit(0));
send('ready');

import type { Period } from './period.ts';
export interface NextYearOptions { from: string; dir: string; period?: Period | undefined }
export async function nextYear(_options: NextYearOptions): Promise<{ summary: string; checklist: string }> {
  throw new Error('Internal error: not yet');
}

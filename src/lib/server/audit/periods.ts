// The period filter of "wie keek": a few plain choices rather than two date fields.
export const periods = ['7', '30', '365', 'all'] as const;
export type Period = (typeof periods)[number];

export function periodFrom(period: Period, now: Date): Date {
  return period === 'all' ? new Date(0) : new Date(now.getTime() - Number(period) * 86_400_000);
}

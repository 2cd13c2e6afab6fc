// The six dimensions of Positieve Gezondheid (Machteld Huber), in the order of the spider web.
// Shared by the island, the report schema and the server, so it imports nothing server-only.
export const dimensions = ['body', 'mental', 'meaning', 'quality', 'participation', 'daily'] as const;
export type Dimension = (typeof dimensions)[number];

/** A score from 0 to 10, or null when the resident left it open (scores are optional). */
export type Scores = Record<Dimension, number | null>;

export const MIN_SCORE = 0;
export const MAX_SCORE = 10;

export const emptyScores = (): Scores => Object.fromEntries(dimensions.map((d) => [d, null])) as Scores;

/** A typed value as a score: whole numbers 0–10 only, anything else counts as open. */
export function toScore(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isInteger(n) && n >= MIN_SCORE && n <= MAX_SCORE ? n : null;
}

export const hasAnyScore = (scores: Scores | null | undefined): boolean => !!scores && dimensions.some((d) => scores[d] !== null);

/** Corner i of a ring at `fraction` of the radius; the first corner points up, then clockwise. */
export function corner(i: number, fraction: number, centre: number, radius: number): [number, number] {
  const angle = (Math.PI / 3) * i - Math.PI / 2;
  const r = radius * fraction;
  return [round(centre + r * Math.cos(angle)), round(centre + r * Math.sin(angle))];
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The SVG points of a polygon through the scores, for a web with every score filled in. */
export function webPoints(scores: Scores, centre: number, radius: number): string {
  return dimensions.map((d, i) => corner(i, (scores[d] ?? 0) / MAX_SCORE, centre, radius).join(',')).join(' ');
}

/**
 * What the web draws: a dot per filled-in score, and the filled polygon only when all six are
 * there. With a score open, only neighbours that are both filled in are joined: an open score is
 * not a 0, so it gets no point at the centre and no line towards it.
 */
export type WebShape = { dots: { dimension: Dimension; x: number; y: number }[]; polygon: string | null; segments: [number, number, number, number][] };

export function webShape(scores: Scores, centre: number, radius: number): WebShape {
  const at = dimensions.map((d, i) => (scores[d] === null ? null : corner(i, scores[d] / MAX_SCORE, centre, radius)));
  const dots = dimensions.flatMap((d, i) => (at[i] ? [{ dimension: d, x: at[i][0], y: at[i][1] }] : []));
  if (at.every(Boolean)) return { dots, polygon: webPoints(scores, centre, radius), segments: [] };
  const segments = at.flatMap((a, i) => {
    const b = at[(i + 1) % at.length];
    return a && b ? [[a[0], a[1], b[0], b[1]] as [number, number, number, number]] : [];
  });
  return { dots, polygon: null, segments };
}

export const ringPoints = (fraction: number, centre: number, radius: number): string =>
  dimensions.map((_, i) => corner(i, fraction, centre, radius).join(',')).join(' ');

import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import PositiveHealth from '../../src/islands/PositiveHealth.svelte';
import { dimensions, emptyScores, hasAnyScore, toScore, webPoints, type Scores } from '../../src/lib/report/dimensions.ts';

const labels = Object.fromEntries(dimensions.map((d) => [d, `label-${d}`])) as Record<(typeof dimensions)[number], string>;
const text = { title: 'Mijn scores', dimension: 'Onderdeel', score: 'Score', open: 'Niet ingevuld' };
const scores: Scores = { body: 10, mental: 5, meaning: 0, quality: null, participation: 7, daily: 3 };

describe('scores', () => {
  it('takes whole numbers 0–10 and leaves anything else open', () => {
    expect(['0', '10', 7, '', null, '11', '-1', '2.5', 'x'].map(toScore)).toEqual([0, 10, 7, null, null, null, null, null, null]);
    expect(hasAnyScore(emptyScores())).toBe(false);
    expect(hasAnyScore({ ...emptyScores(), daily: 0 })).toBe(true);
  });

  it('puts each score on its own axis, 10 at the rim and open at the centre', () => {
    const points = webPoints(scores, 150, 100).split(' ');
    expect(points[0]).toBe('150,50'); // body 10: straight up, at the rim
    expect(points[2]).toBe('150,150'); // meaning 0: the centre
    expect(points[3]).toBe('150,150'); // quality open: the centre
    expect(points[1]).toBe('193.3,125'); // mental 5: halfway, to the lower right
  });
});

describe('the spider web island on the server', () => {
  it('draws the web and says every score in a table', () => {
    const { body } = render(PositiveHealth, { props: { id: 'pg', labels, scores, text } });
    expect(body).toContain('role="img"');
    expect(body).toContain('aria-labelledby="pg-title"');
    expect(body).toContain(webPoints(scores, 150, 100));
    for (const d of dimensions) expect(body).toContain(`label-${d}`);
    expect(body).toContain('Niet ingevuld');
    expect(body).not.toContain('<input');
  });

  it('renders labelled number fields that post without JavaScript when editable', () => {
    const { body } = render(PositiveHealth, { props: { id: 'pg', labels, scores, text, editable: true, errors: { daily: 'Kies 0 tot 10.' } } });
    expect(body).toMatch(/<label for="pg-body">label-body<\/label>/);
    expect(body).toMatch(/name="score-body"[^>]*value="10"|value="10"[^>]*name="score-body"/);
    expect(body).toContain('aria-describedby="pg-daily-error"');
    expect(body).toContain('Kies 0 tot 10.');
  });

  it('escapes labels as text', () => {
    const { body } = render(PositiveHealth, { props: { id: 'pg', labels: { ...labels, body: '<img src=x onerror=alert(1)>' }, scores, text } });
    expect(body).not.toContain('<img src=x');
    expect(body).toContain('&lt;img src=x');
  });
});

import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import PositiveHealth from '../../src/islands/PositiveHealth.svelte';
import { dimensions, emptyScores, hasAnyScore, toScore, webPoints, webShape, type Scores } from '../../src/lib/report/dimensions.ts';

const labels = Object.fromEntries(dimensions.map((d) => [d, `label-${d}`])) as Record<(typeof dimensions)[number], string>;
const text = { title: 'Mijn scores', dimension: 'Onderdeel', score: 'Score', open: 'Niet ingevuld' };
const scores: Scores = { body: 10, mental: 5, meaning: 0, quality: null, participation: 7, daily: 3 };

describe('scores', () => {
  it('takes whole numbers 0–10 and leaves anything else open', () => {
    expect(['0', '10', 7, '', null, '11', '-1', '2.5', 'x'].map(toScore)).toEqual([0, 10, 7, null, null, null, null, null, null]);
    expect(hasAnyScore(emptyScores())).toBe(false);
    expect(hasAnyScore({ ...emptyScores(), daily: 0 })).toBe(true);
  });

  it('puts each score on its own axis, 10 at the rim and a real 0 at the centre', () => {
    const full: Scores = { ...scores, quality: 4 };
    const points = webPoints(full, 150, 100).split(' ');
    expect(points[0]).toBe('150,50'); // body 10: straight up, at the rim
    expect(points[2]).toBe('150,150'); // meaning 0: the centre
    expect(points[1]).toBe('193.3,125'); // mental 5: halfway, to the lower right
    const shape = webShape(full, 150, 100);
    expect(shape.polygon).toBe(webPoints(full, 150, 100));
    expect(shape.dots).toHaveLength(6);
    expect(shape.dots.find((d) => d.dimension === 'meaning')).toEqual({ dimension: 'meaning', x: 150, y: 150 });
  });

  it('draws no point and no line for an open score, and no filled web around it', () => {
    // quality (the bottom axis) is open: its neighbours meaning and participation are not joined through it.
    const shape = webShape(scores, 150, 100);
    expect(shape.polygon).toBeNull();
    expect(shape.dots.map((d) => d.dimension)).toEqual(['body', 'mental', 'meaning', 'participation', 'daily']);
    expect(shape.segments).toHaveLength(4); // body–mental, mental–meaning, participation–daily, daily–body
    const bottom = [150, 250];
    for (const [x1, y1, x2, y2] of shape.segments)
      expect([
        [x1, y1],
        [x2, y2],
      ]).not.toContainEqual(bottom);
    expect(webShape(emptyScores(), 150, 100)).toEqual({ dots: [], polygon: null, segments: [] });
  });
});

describe('the spider web island on the server', () => {
  it('draws the web and says every score in a table', () => {
    const { body } = render(PositiveHealth, { props: { id: 'pg', labels, scores, text } });
    expect(body).toContain('role="img"');
    // quality is open: no filled web, no dot on its axis, and the text alternative says it is open.
    expect(body).not.toContain('class="hog-web__scores"');
    expect(body).toContain('data-testid="pg-dot-body"');
    expect(body).not.toContain('data-testid="pg-dot-quality"');
    expect(body).toContain('aria-labelledby="pg-title"');
    expect(body).toContain('aria-describedby="pg-desc"');
    expect(body).toMatch(/<desc id="pg-desc">[^<]*label-quality: niet ingevuld[^<]*<\/desc>/);
    expect(body).toMatch(/<desc id="pg-desc">[^<]*label-meaning: 0[^<]*<\/desc>/);
    for (const d of dimensions) expect(body).toContain(`label-${d}`);
    expect(body).toContain('Niet ingevuld');
    const all = render(PositiveHealth, { props: { id: 'pg', labels, scores: { ...scores, quality: 4 }, text } }).body;
    expect(all).toContain(webPoints({ ...scores, quality: 4 }, 150, 100));
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

import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { describe, expect, it } from 'vitest';
import DuoGapList from '../../src/components/planning/DuoGapList.astro';

const locals = (lang: string): App.Locals => ({
  lang,
  path: '/',
  user: null,
  session: null,
  twoFactorPending: false,
  ipPrefix: null,
  region: null,
  regionFromHost: false,
});
const gaps = [
  {
    conversationId: 'c1',
    registrationId: '11111111-1111-4111-8111-111111111111',
    reference: 'HOG-AAAA11',
    startsAt: new Date('2026-12-01T13:00:00Z'),
    memberId: 'm1',
    memberName: 'Ilse',
  },
  { conversationId: 'c2', registrationId: '22222222-2222-4222-8222-222222222222', reference: 'HOG-BBBB22', startsAt: null, memberId: 'm1', memberName: 'Ilse' },
];

// The list the admin and the planner see of conversations that need a new colleague: each a link
// to the sign-up's planning page, the moment on the Amsterdam clock, or that none was chosen yet.
describe('the list of conversations that need a new colleague', () => {
  it.each([
    ['nl', '/team/aanmelding/', '14:00', 'nog geen moment gekozen'],
    ['en', '/en/team/aanmelding/', '2:00', 'no moment chosen yet'],
  ])('links each sign-up and says when, in %s', async (lang, path, time, notChosen) => {
    const container = await AstroContainer.create();
    const html = await container.renderToString(DuoGapList, { props: { gaps, withMember: true }, locals: locals(lang) });
    expect(html).toContain(`href="${path}${gaps[0]!.registrationId}"`);
    expect(html).toContain('HOG-AAAA11');
    expect(html).toContain(time);
    expect(html).toContain(notChosen);
    expect(html).toContain('(Ilse)');
  });
});

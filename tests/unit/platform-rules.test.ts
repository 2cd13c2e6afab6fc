import { describe, expect, it } from 'vitest';
import { createRegionSchema, inviteRegionAdminSchema } from '../../src/lib/schemas/platform.ts';
import { parseLocalized } from '../../src/lib/i18n/zod.ts';
import { areaRuns, findConflict, type RegionClaims } from '../../src/lib/server/region/platform-rules.ts';

const region = (over: Partial<RegionClaims>): RegionClaims => ({ id: 'a', name: 'Regio A', active: true, postcodeAreas: [], hostNames: [], ...over });

describe('postcode areas and host names between regions', () => {
  const oostveld = region({ id: 'o', name: 'Regio Oostveld', postcodeAreas: ['7001', '7002'], hostNames: ['hog.oostveld.example'] });
  const slapend = region({ id: 's', name: 'Regio Slapend', active: false, postcodeAreas: ['8001'], hostNames: ['hog.slapend.example'] });

  it('names the active region that has an area already', () => {
    expect(findConflict([oostveld], { id: 'n', active: true, postcodeAreas: ['7100', '7002'], hostNames: [] })).toEqual({
      kind: 'area',
      value: '7002',
      region: 'Regio Oostveld',
    });
  });

  it("lets a region keep its own areas, take a switched-off region's, and lets a switched-off region hold any", () => {
    expect(findConflict([oostveld], { ...oostveld })).toBeNull();
    expect(findConflict([slapend], { id: 'n', active: true, postcodeAreas: ['8001'], hostNames: [] })).toBeNull();
    expect(findConflict([oostveld], { id: 'n', active: false, postcodeAreas: ['7001'], hostNames: [] })).toBeNull();
  });

  it('keeps host names unique across every region, on or off', () => {
    expect(findConflict([oostveld, slapend], { id: 'n', active: true, postcodeAreas: [], hostNames: ['hog.slapend.example'] })).toEqual({
      kind: 'host',
      value: 'hog.slapend.example',
      region: 'Regio Slapend',
    });
    expect(findConflict([oostveld], { id: 'n', active: false, postcodeAreas: [], hostNames: ['hog.oostveld.example'] })).toMatchObject({ kind: 'host' });
  });

  it('shows areas as short runs', () => {
    expect(areaRuns(['7003', '7001', '7002', '7011', '9999', '7001'])).toBe('7001–7003, 7011, 9999');
    expect(areaRuns([])).toBe('');
  });
});

describe('the region form', () => {
  const valid = { preset: 'doetinchem', slug: 'nieuwland', name: 'Regio Nieuwland', contactPhone: '0314 123 456', contactEmail: 'team@nieuwland.example' };
  const parse = (input: Record<string, string>) => parseLocalized(createRegionSchema, { ...valid, ...input }, 'nl');

  it('reads postcode areas and host names separated by commas, spaces or new lines, each once', () => {
    const parsed = parse({ postcodeAreas: '7001, 7002 7003\n7001', hostNames: 'Hog.Nieuwland.EXAMPLE, nieuwland.localhost' });
    expect(parsed).toMatchObject({ ok: true, data: { postcodeAreas: ['7001', '7002', '7003'], hostNames: ['hog.nieuwland.example', 'nieuwland.localhost'] } });
    expect(parse({ postcodeAreas: '7001', hostNames: '' })).toMatchObject({ ok: true, data: { hostNames: [] } });
  });

  it('refuses areas that are not four digits from 1000, more than 200, and names that are not host names, in words', () => {
    for (const areas of ['0999', '70011', '7a01', '7001-7002'])
      expect(parse({ postcodeAreas: areas, hostNames: '' }), areas).toEqual({
        ok: false,
        errors: [{ field: 'postcodeAreas', message: 'Vul postcodegebieden in van vier cijfers, van 1000 tot en met 9999, zoals 7001, 7002.' }],
      });
    const many = Array.from({ length: 201 }, (_, i) => String(1000 + i)).join(' ');
    expect(parse({ postcodeAreas: many, hostNames: '' })).toMatchObject({
      ok: false,
      errors: [{ field: 'postcodeAreas', message: 'Vul niet meer dan 200 postcodegebieden in.' }],
    });
    expect(parse({ postcodeAreas: Array.from({ length: 200 }, (_, i) => String(1000 + i)).join(' '), hostNames: '' })).toMatchObject({ ok: true });
    for (const host of ['https://hog.example', 'hog.example:8443', 'localhost', 'hog_x.example', '-hog.example', 'hog..example'])
      expect(parse({ postcodeAreas: '7001', hostNames: host }), host).toMatchObject({ ok: false, errors: [{ field: 'hostNames' }] });
    const hosts = Array.from({ length: 11 }, (_, i) => `h${i}.example`).join(',');
    expect(parse({ postcodeAreas: '7001', hostNames: hosts })).toMatchObject({
      ok: false,
      errors: [{ field: 'hostNames', message: 'Vul niet meer dan 10 adressen in.' }],
    });
  });

  it('says per question what is missing from a blank form; only the own addresses may stay blank', () => {
    const blank = parseLocalized(createRegionSchema, {}, 'nl');
    expect(blank.ok).toBe(false);
    if (blank.ok) return;
    expect(blank.errors.map((e) => e.field)).toEqual(['preset', 'slug', 'name', 'contactPhone', 'contactEmail', 'postcodeAreas']);
    expect(blank.errors.map((e) => e.message)).not.toContain('Vul dit in.');
    expect(parse({ postcodeAreas: '7001' })).toMatchObject({ ok: true, data: { hostNames: [] } });
    expect(parse({ postcodeAreas: ' , ' })).toMatchObject({ ok: false, errors: [{ field: 'postcodeAreas' }] });
  });

  it('takes a slug of small letters, digits and dashes only', () => {
    for (const slug of ['Oost', 'oost veld', '-oost', 'oost/veld', 'ø'])
      expect(parse({ slug, postcodeAreas: '7001', hostNames: '' }), slug).toMatchObject({ ok: false, errors: [{ field: 'slug' }] });
    expect(parse({ slug: 'oost-veld-2', postcodeAreas: '7001', hostNames: '' })).toMatchObject({ ok: true });
  });

  it('invites a region admin by name and address only: no roles field to choose from', () => {
    const parsed = inviteRegionAdminSchema.parse({
      region: '00000000-0000-4000-8000-000000000000',
      adminName: 'B',
      adminEmail: 'b@x.example',
      roles: ['platform'],
    });
    expect(parsed).not.toHaveProperty('roles');
  });
});

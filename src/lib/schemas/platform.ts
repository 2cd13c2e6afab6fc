import { z } from 'zod';
import { presetNames } from '../profile.ts';

// Landelijk beheer: a region's name, contact, postcode areas and host names. Messages are keys of
// the validation namespace, one per question. Lists are typed as one text field (comma or space
// between the items), so the form works without JavaScript and can be pasted from a spreadsheet.
const msg = (key: string) => ({ error: `validation:platform.${key}` });

export const MAX_POSTCODE_AREAS = 200;
export const MAX_HOST_NAMES = 10;

/** "7001, 7002 7003" -> ["7001", "7002", "7003"]: each item once, in the order typed. */
export const splitList = (text: string): string[] => [...new Set(text.split(/[\s,;]+/).filter(Boolean))];

// Postcodes run from 1000 to 9999: there is no area starting with a 0.
const AREA = /^[1-9]\d{3}$/;
// A DNS name of at least two labels, lower case, no port, no trailing dot: exactly what
// region/directory.ts hostName() makes of a request's Host header, so a match is a plain lookup.
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOST = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})+$`);

/**
 * A list field: bounded text first (a post of megabytes never reaches the split), then each item
 * checked. `optional`: left blank is an empty list (a blank field is not sent at all, form-data.ts).
 */
function listField(pattern: RegExp, max: number, maxLength: number, key: string, maxKey: string, optional: boolean) {
  const text = z.string(msg(key)).max(maxLength, msg(maxKey));
  return (optional ? text.default('') : text).transform((typed, ctx) => {
    const items = splitList(typed.toLowerCase());
    if (items.some((item) => !pattern.test(item)) || (!optional && items.length === 0)) ctx.addIssue({ code: 'custom', message: `validation:platform.${key}` });
    else if (items.length > max) ctx.addIssue({ code: 'custom', message: `validation:platform.${maxKey}` });
    return items;
  });
}

const regionFields = {
  name: z.string(msg('name')).trim().min(1, msg('name')).max(100, msg('name')),
  contactPhone: z
    .string(msg('contactPhone'))
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{5,19}$/, msg('contactPhone')),
  contactEmail: z.email(msg('contactEmail')).max(254, msg('contactEmail')),
  postcodeAreas: listField(AREA, MAX_POSTCODE_AREAS, 2_000, 'postcodeAreas', 'postcodeAreasMax', false),
  hostNames: listField(HOST, MAX_HOST_NAMES, 3_000, 'hostNames', 'hostNamesMax', true),
};

export const createRegionSchema = z.object({
  /** The practice the new region starts from (profile.ts presets); its admin changes what differs. */
  preset: z.enum(presetNames, msg('preset')),
  slug: z
    .string(msg('slug'))
    .trim()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, msg('slug')),
  ...regionFields,
});

const regionId = z.uuid(msg('region'));

export const updateRegionSchema = z.object({ region: regionId, ...regionFields });

export const regionActiveSchema = z.object({ region: regionId, active: z.enum(['ja', 'nee'], msg('active')) });

/** The region's first admin: the same fields as an admin's invitation, the role fixed. */
export const inviteRegionAdminSchema = z.object({
  region: regionId,
  // Named apart from the region's own name and e-mail fields: both forms are on one page.
  adminName: z.string(msg('adminName')).trim().min(1, msg('adminName')).max(100, msg('adminName')),
  adminEmail: z.email(msg('adminEmail')).max(254, msg('adminEmail')),
  language: z.enum(['nl', 'en'], msg('language')).default('nl'),
});

export type RegionFields = z.output<typeof createRegionSchema>;
export type RegionChanges = Omit<z.output<typeof updateRegionSchema>, 'region'>;

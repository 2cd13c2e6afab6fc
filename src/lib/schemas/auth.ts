import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from './limits.ts';
import { regionRoleNames } from '../roles.ts';

// Shared by actions and (later) islands. Messages are i18n keys or zod codes, never sentences.
const email = z.email().max(254);
const anyPassword = z.string().min(1).max(PASSWORD_MAX);
/** Length here; the common-password check needs the server's list (see auth/passwords.ts). */
const newPassword = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);

export const signInSchema = z.object({ email, password: anyPassword, terug: z.string().max(500).optional() });
export const registerSchema = z.object({ email, password: newPassword });
export const confirmCodeSchema = z.object({
  email,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { error: 'validation:code' }),
});
export const tokenSchema = z.object({ token: z.string().min(20).max(64) });
export const secondFactorSchema = z.object({ code: z.string().trim().min(6).max(20) });
export const totpSetupSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { error: 'validation:code' }),
});
export const forgotSchema = z.object({ email });
export const resetSchema = z.object({ token: z.string().min(20).max(64), password: newPassword });
export const changePasswordSchema = z.object({ current: anyPassword, password: newPassword });
export const changeEmailSchema = z.object({ password: anyPassword, email });
export const reauthSchema = z.object({ secret: z.string().trim().min(1).max(PASSWORD_MAX), terug: z.string().max(500).optional() });

export const inviteSchema = z.object({
  email,
  name: z.string().trim().min(1).max(100),
  organisation: z.string().trim().max(100).optional(),
  language: z.enum(['nl', 'en']).default('nl'),
  // Only roles held in a region: `platform` (like `resident`) belongs to an account, and a region's
  // admin who could hand it out would make someone landelijk beheer of every region.
  roles: z.array(z.enum(regionRoleNames)).min(1).max(regionRoleNames.length),
});

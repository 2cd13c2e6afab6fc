import path from 'node:path';
import { z } from 'zod';
import { databaseUrlProblem } from './db/database-url.ts';
import { isAddressOrRange } from './http/client-address.ts';

// The one place that reads process.env. The boot script, the server and the CLI all get their
// settings here, so a wrong value stops the process with the variable's name, not a stack trace.

const boolean = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    HOST: z.string().min(1).default('localhost'),
    PORT: z.coerce.number().int().min(1).max(65535).default(4321),
    PUBLIC_ORIGIN: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL like https://hog.example.nl' }).optional(),
    DEMO_DATA: boolean.optional(),
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
    MAIL_FROM: z.string().min(3).default('HOG-portaal <noreply@localhost>'),
    TRUSTED_PROXIES: z
      .string()
      .max(2000)
      .transform((v) =>
        v
          .split(',')
          .map((e) => e.trim())
          .filter(Boolean),
      )
      .refine((list) => list.every(isAddressOrRange), 'must be IP addresses or ranges, comma-separated, like 127.0.0.1,10.0.0.0/8')
      .optional(),
    ENCRYPTION_KEY: z
      .base64({ error: 'must be 32 random bytes in base64 (openssl rand -base64 32)' })
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must decode to exactly 32 bytes')
      .optional(),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_URL && !env.ENCRYPTION_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['ENCRYPTION_KEY'],
        message: 'is required when DATABASE_URL is set (the key is only generated for the embedded database)',
      });
    }
  });

export type Config = {
  env: 'development' | 'production' | 'test';
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dir: string };
  dataDir: string;
  host: string;
  port: number;
  publicOrigin: string;
  /** Demo mode: the fictional region, a banner on every page, the demo mailbox. Only when asked for. */
  demoData: boolean;
  mail: { smtpUrl: string | undefined; from: string };
  encryptionKey: string | undefined;
  /** Reverse proxies whose X-Forwarded-For tells the visitor's address; none by default. */
  trustedProxies: string[];
};

export class ConfigError extends Error {}

export function parseConfig(source: Record<string, string | undefined>): Config {
  // An empty variable means "not set", the way shells and .env files usually intend it.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  // Before the URL check: a multi-host URL is no valid URL, and "must be a postgres:// URL" would not say why.
  const databaseUrl = cleaned['DATABASE_URL'];
  const problem = databaseUrl ? databaseUrlProblem(databaseUrl) : undefined;
  if (problem) throw new ConfigError(`Invalid setting: DATABASE_URL ${problem}`);
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join('.') || 'environment'} ${i.message}`);
    throw new ConfigError(`Invalid setting: ${lines.join('; ')}`);
  }
  const e = result.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    database: e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dir: path.join(dataDir, 'pglite') },
    dataDir,
    host: e.HOST,
    port: e.PORT,
    publicOrigin: (e.PUBLIC_ORIGIN ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    demoData: e.DEMO_DATA ?? false,
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    encryptionKey: e.ENCRYPTION_KEY,
    trustedProxies: e.TRUSTED_PROXIES ?? [],
  };
}

let cached: Config | undefined;

export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

import { account } from './account.ts';
import { admin } from './admin.ts';
import { auth } from './auth.ts';
import { planning } from './planning.ts';
import { platform } from './platform.ts';
import { rethrowUnexpected } from './rethrow.ts';
import { partner } from './partner.ts';
import { signup } from './signup.ts';
import { report } from './report.ts';
import { sharing } from './sharing.ts';

export const server = rethrowUnexpected({ auth, account, admin, signup, partner, planning, report, sharing, platform });

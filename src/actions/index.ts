import { account } from './account.ts';
import { admin } from './admin.ts';
import { auth } from './auth.ts';
import { signup } from './signup.ts';

export const server = { auth, account, admin, signup };

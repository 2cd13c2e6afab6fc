import { describe, expect, it } from 'vitest';
import { inviteSchema } from '../../src/lib/schemas/auth.ts';
import { workingRegion } from '../../src/lib/server/auth/working-region.ts';

// `platform` sits in the same role enum as the region roles (memberships.role uses it), so both the
// invitation and the reading of memberships must keep it out of a region.
describe('landelijk beheer is never handed out in a region', () => {
  it("refuses `platform` in a region admin's invitation", () => {
    const invite = { email: 'x@y.example', name: 'X', roles: ['platform'] };
    expect(inviteSchema.safeParse(invite).success).toBe(false);
    expect(inviteSchema.safeParse({ ...invite, roles: ['admin'] }).success).toBe(true);
  });

  it('ignores a membership row that names `platform`', () => {
    const held = workingRegion(
      [],
      [
        { regionId: 'r', role: 'platform' as never },
        { regionId: 'r', role: 'worker' },
      ],
      null,
    );
    expect(held).toEqual({ regionId: 'r', roles: ['worker'] });
  });
});

export * from './region.ts';
export * from './locations.ts';
export * from './team.ts';
export * from './accounts.ts';
export * from './security.ts';
export * from './registrations.ts';
export * from './reports.ts';

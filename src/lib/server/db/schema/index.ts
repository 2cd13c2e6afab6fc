export * from './region.ts';
export * from './locations.ts';
export * from './team.ts';

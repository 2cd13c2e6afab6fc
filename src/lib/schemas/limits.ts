// Password limits, shared by the zod schemas (islands may import them) and the server.
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

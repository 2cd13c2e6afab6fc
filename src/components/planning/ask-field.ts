// /mijn can hold several "ask" forms (another moment, move, follow-up), for several sign-ups: each
// message field gets an id of its own, so every label and error link points at its own field.
export const askFieldId = (kind: string, registrationId: string): string => `veld-message-${kind}-${registrationId}`;

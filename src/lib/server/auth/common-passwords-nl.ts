// Dutch passwords that English lists miss; the fxa list covers the international ones.
export const dutchCommonPasswords: ReadonlySet<string> = new Set([
  'wachtwoord', 'wachtwoord1', 'wachtwoord12', 'wachtwoord123', 'wachtwoord1234', 'welkom123', 'welkom1234',
  'welkomwelkom', 'geheim1234', 'geheimgeheim', 'nederland1', 'nederland123', 'amsterdam1', 'amsterdam123',
  'rotterdam1', 'feyenoord1', 'feyenoord123', 'ajaxajax12', 'ajax123456', 'psvpsvpsv1', 'doetinchem',
  'doetinchem1', 'hallohallo', 'hallo12345', 'hallo123456', 'zomer2024!', 'zomer2025!', 'zomer2026!',
  'winter2025', 'winter2026', 'voorjaar2026', 'lente2026!', 'herfst2026', 'januari2026', 'december2026',
  'qwerty1234', 'wachtwoord!', 'wachtwoord01', 'welkom01!!', 'herstelgesprek', 'hogportaal', 'oostveld123',
]);

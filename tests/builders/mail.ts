/**
 * Words that tell a housemate what the service is about, in Dutch and English. "herstellen" alone
 * (a password reset) is everyday Dutch; "herstelgesprek", "herstelcentrum" are not.
 */
export const REVEALING = /herstel(?!len)|recovery|ggz|psych|mental|geestelijk|crisis|therap|hog[- ]?porta|stadskamer|\b113\b/i;

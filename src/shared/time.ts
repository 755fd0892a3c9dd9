/** Calendar dates are Europe/Copenhagen dates (API.md), whatever the server's time zone. */
const copenhagen = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });

export const copenhagenDate = (instant: Date): string => copenhagen.format(instant);

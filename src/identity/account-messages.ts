/**
 * The e-mails' Danish texts (DOMAIN §1: user-facing text is Danish), as pure functions. Callers add the
 * recipient: `mailer.send({ to, ...passwordReset({ … }) })`. Each link stands alone on its line, so that
 * mail clients make it clickable whole.
 */
export interface MailContent {
  subject: string;
  text: string;
}

const SIGNATURE = ['Venlig hilsen', 'e-bevilling'];

const hours = (n: number) => (n === 1 ? '1 time' : `${n} timer`);
const minutes = (n: number) => (n === 1 ? '1 minut' : `${n} minutter`);
const lines = (...parts: string[]) => `${parts.join('\n')}\n`;

/** A new staff user (DOMAIN §6: "New users get a set-password link by e-mail"). */
export function setPasswordInvitation({ name, link, validHours }: { name: string; link: string; validHours: number }): MailContent {
  return {
    subject: 'Velkommen til e-bevilling – vælg din adgangskode',
    text: lines(
      `Kære ${name}`,
      '',
      'Velkommen til e-bevilling. Der er oprettet en bruger til dig.',
      '',
      'Vælg din adgangskode her:',
      link,
      '',
      `Linket virker i ${hours(validHours)} og kan kun bruges én gang. Adgangskoden skal være på mindst 12 tegn.`,
      '',
      ...SIGNATURE,
    ),
  };
}

/** Forgotten password (DOMAIN §6: a one-time link, valid 30 minutes). */
export function passwordReset({ name, link, validMinutes }: { name: string; link: string; validMinutes: number }): MailContent {
  return {
    subject: 'Nulstil din adgangskode til e-bevilling',
    text: lines(
      `Kære ${name}`,
      '',
      'Vi har fået en anmodning om at nulstille din adgangskode til e-bevilling.',
      '',
      'Nulstil din adgangskode her:',
      link,
      '',
      `Linket virker i ${minutes(validMinutes)} og kan kun bruges én gang.`,
      'Har du ikke bedt om det, kan du se bort fra denne mail. Din adgangskode er ikke ændret.',
      '',
      ...SIGNATURE,
    ),
  };
}

/**
 * A citizen's webshop login (DOMAIN §2.4). The webshop username is the CPR number unless another was
 * chosen (§2.1), and a CPR number never goes into an e-mail: a username that looks like one is named,
 * not shown.
 */
export function webshopInvitation({ name, username, link, validHours }: { name: string; username: string; link: string; validHours: number }): MailContent {
  return {
    subject: 'Din adgang til webshoppen i e-bevilling',
    text: lines(
      `Kære ${name}`,
      '',
      'Du kan nu logge ind i webshoppen og bestille dine hjælpemidler.',
      '',
      looksLikeCpr(username) ? 'Dit brugernavn er dit CPR-nummer.' : `Dit brugernavn er: ${username}`,
      '',
      'Vælg din adgangskode her:',
      link,
      '',
      `Linket virker i ${hours(validHours)} og kan kun bruges én gang.`,
      '',
      ...SIGNATURE,
    ),
  };
}

/** Ten digits, or the written form DDMMYY-SSSS (DOMAIN §2.1). */
const looksLikeCpr = (username: string) => /^\d{6}-?\d{4}$/.test(username.trim());

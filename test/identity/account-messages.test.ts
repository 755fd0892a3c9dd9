import { describe, expect, it } from '@jest/globals';
import { passwordReset, setPasswordInvitation, webshopInvitation } from '../../src/identity/account-messages.js';

const link = 'https://e-bevilling.invalid/adgangskode?token=AbC-123_xyz';

describe('e-mail texts (Danish, DOMAIN §1)', () => {
  describe('setPasswordInvitation (a new staff user, DOMAIN §6)', () => {
    const mail = setPasswordInvitation({ name: 'Søren Ærø', link, validHours: 72 });

    it('welcomes the user by name and holds the link on a line of its own', () => {
      expect(mail.subject).toMatch(/^Velkommen til e-bevilling/);
      expect(mail.text).toMatch(/^Kære Søren Ærø\n/);
      expect(mail.text).toContain('Velkommen til e-bevilling');
      expect(mail.text).toContain(`Vælg din adgangskode her:\n${link}\n`);
    });

    it('says how long the link works', () => {
      expect(mail.text).toContain('Linket virker i 72 timer');
      expect(setPasswordInvitation({ name: 'A', link, validHours: 1 }).text).toContain('Linket virker i 1 time ');
    });
  });

  describe('passwordReset (forgotten password: one-time link, 30 minutes)', () => {
    const mail = passwordReset({ name: 'Grethe Olsen', link, validMinutes: 30 });

    it('holds the link, its validity and that it works once', () => {
      expect(mail.subject).toBe('Nulstil din adgangskode til e-bevilling');
      expect(mail.text).toContain(`Nulstil din adgangskode her:\n${link}\n`);
      expect(mail.text).toContain('Linket virker i 30 minutter og kan kun bruges én gang.');
    });

    it('tells someone who did not ask to ignore it', () => {
      expect(mail.text).toContain('Har du ikke bedt om det, kan du se bort fra denne mail.');
    });

    it('uses the minutes it is given', () => {
      expect(passwordReset({ name: 'A', link, validMinutes: 15 }).text).toContain('Linket virker i 15 minutter');
    });
  });

  describe('webshopInvitation (a citizen\'s webshop login, DOMAIN §2.4)', () => {
    it('holds the link, its validity and a chosen username', () => {
      const mail = webshopInvitation({ name: 'Inger Kristensen', username: 'inger.k', link, validHours: 48 });
      expect(mail.subject).toMatch(/webshop/);
      expect(mail.text).toContain('Dit brugernavn er: inger.k');
      expect(mail.text).toContain(`Vælg din adgangskode her:\n${link}\n`);
      expect(mail.text).toContain('Linket virker i 48 timer');
    });

    it.each(['0101901234', '010190-1234', ' 0101901234 '])('never writes a CPR-number username (%j); it says the username is the CPR number', (username) => {
      const mail = webshopInvitation({ name: 'Poul Erik Jensen', username, link, validHours: 48 });
      expect(mail.text).toContain('Dit brugernavn er dit CPR-nummer.');
      expect(`${mail.subject}\n${mail.text}`).not.toMatch(/0101|1234/);
    });

    it('a username with digits that is not ten of them is shown', () => {
      const mail = webshopInvitation({ name: 'A', username: 'borger12345', link, validHours: 48 });
      expect(mail.text).toContain('Dit brugernavn er: borger12345');
    });
  });

  it('every text is Danish and ends with the sender', () => {
    for (const mail of [
      setPasswordInvitation({ name: 'A', link, validHours: 72 }),
      passwordReset({ name: 'A', link, validMinutes: 30 }),
      webshopInvitation({ name: 'A', username: 'a', link, validHours: 72 }),
    ]) {
      expect(mail.text).toMatch(/Venlig hilsen\ne-bevilling\n$/);
      expect(mail.text).toContain('kan kun bruges én gang');
    }
  });
});

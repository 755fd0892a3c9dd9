import type { ChangeEvent } from 'react';
import { TextField } from '../../../components/text-field';
import type { ContactFields } from '../citizen-form';

/** What a form gives each field: its id, value, change handler and error. */
export type FieldProps = (name: keyof ContactFields) => { id: string; value: string; onChange: (event: ChangeEvent<HTMLInputElement>) => void; error?: string };

/** The contact details as both "Opret ny borger …" and "Brugerdata" ask for them: address, phone and e-mail. */
export function ContactDetailsFields({ field, streetHint }: { field: FieldProps; streetHint?: string }) {
  return (
    <>
      <TextField {...field('street')} label="Adresse" hint={streetHint} required autoComplete="off" />
      <div className="row">
        <div className="col-12 col-md-6">
          <TextField {...field('postalCode')} label="Postnummer" required autoComplete="off" inputMode="numeric" />
        </div>
        <div className="col-12 col-md-6">
          <TextField {...field('city')} label="By" required autoComplete="off" />
        </div>
      </div>
      <div className="row">
        <div className="col-12 col-md-6">
          <TextField {...field('phone')} label="Telefon" type="tel" autoComplete="off" />
        </div>
        <div className="col-12 col-md-6">
          <TextField {...field('email')} label="E-mail" type="email" autoComplete="off" />
        </div>
      </div>
    </>
  );
}

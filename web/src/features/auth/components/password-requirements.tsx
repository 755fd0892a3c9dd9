import { Icon } from '../../../components/icon';
import type { Requirement } from '../password-policy';

/** The policy, ticked off while the user types. The password field points here with aria-describedby. */
export function PasswordRequirements({ id, requirements }: { id: string; requirements: readonly Requirement[] }) {
  return (
    <div id={id} className="password-requirements">
      <p className="mb-2">Din adgangskode skal opfylde disse krav:</p>
      <ul className="nobullet-list">
        {requirements.map((requirement) => (
          <li key={requirement.key} data-met={requirement.met}>
            <Icon name={requirement.met ? 'check' : 'close'} className={requirement.met ? 'requirement-met' : 'requirement-unmet'} />
            {requirement.text}
            <span className="sr-only">{requirement.met ? ' (opfyldt)' : ' (ikke opfyldt)'}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

import sprite from '@dkfds/dist/img/all-svg-icons.svg?url';

/** A DKFDS icon from its sprite (bundled from the package, no CDN). Decorative unless given a label. */
export function Icon({ name, label, className }: { name: string; label?: string; className?: string }) {
  return (
    <svg
      className={['icon-svg', className].filter(Boolean).join(' ')}
      focusable="false"
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
    >
      <use href={`${sprite}#${name}`} />
    </svg>
  );
}

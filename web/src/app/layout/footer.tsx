import { Link } from 'react-router';

/** DKFDS footer. */
export function Footer() {
  return (
    <footer>
      <div className="footer">
        <div className="container">
          <ul className="align-text-left unstyled-list inline-list">
            <li>e-bevilling</li>
            <li>
              <Link to="/brugervilkaar">Brugervilkår &amp; privatlivspolitik</Link>
            </li>
          </ul>
        </div>
      </div>
    </footer>
  );
}

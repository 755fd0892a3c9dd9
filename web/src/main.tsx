import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@dkfds/dist/css/dkfds.min.css';
import './styles/portal.css';
import { App } from './app/app';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

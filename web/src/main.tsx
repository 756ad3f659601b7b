import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { registerServiceWorker } from './offline/sw-register.js';
import { TeamGate } from './team/gate.js';
import './styles.css';

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <TeamGate>
        <App />
      </TeamGate>
    </StrictMode>,
  );
registerServiceWorker();

/**
 * The stock Backstage app, as `npx @backstage/create-app` lays it out for the new frontend
 * system: `createApp` from @backstage/frontend-defaults with the catalog plugin, Backstage UI's
 * stylesheet and a sign-in page with the guest provider (signing in automatically). The only
 * change: its configuration comes from the bench server (`/bench-config.json`) instead of being
 * injected by backstage-cli at build time.
 */
import '@backstage/ui/css/styles.css';
import ReactDOM from 'react-dom/client';
import { ConfigReader } from '@backstage/config';
import { SignInPage } from '@backstage/core-components';
import { createApp } from '@backstage/frontend-defaults';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import catalogPlugin from '@backstage/plugin-catalog/alpha';

const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => props => <SignInPage {...props} auto providers={['guest']} />,
  },
});

const app = createApp({
  features: [catalogPlugin, createFrontendModule({ pluginId: 'app', extensions: [signInPage] })],
  advanced: {
    configLoader: async () => {
      const response = await fetch('/bench-config.json');
      return { config: ConfigReader.fromConfigs([{ context: 'bench', data: await response.json() }]) };
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
ReactDOM.createRoot(root).render(app.createRoot());

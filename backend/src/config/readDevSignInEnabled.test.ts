import { ConfigReader } from '@backstage/config';
import { readDevSignInEnabled } from './readDevSignInEnabled';

describe('readDevSignInEnabled', () => {
  it('stops start-up when enabled with a production configuration', () => {
    const production = new ConfigReader({
      auth: { environment: 'production' },
      portico: { devSignIn: { enabled: true } },
    });
    expect(() => readDevSignInEnabled(production)).toThrow(
      /portico\.devSignIn\.enabled: .* refused with a production configuration/,
    );
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(() => readDevSignInEnabled(new ConfigReader({ portico: { devSignIn: { enabled: true } } }))).toThrow(
        /NODE_ENV=production/,
      );
      expect(readDevSignInEnabled(new ConfigReader({ portico: { devSignIn: { enabled: false } } }))).toBe(false);
    } finally {
      process.env.NODE_ENV = previous;
    }
  });
});

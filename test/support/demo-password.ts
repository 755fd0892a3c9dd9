/** The demo users' password in every suite and harness; a leaf module, so a harness needs none of the app to know it. */
export const DEMO_PASSWORD = 'demo-password-for-tests';

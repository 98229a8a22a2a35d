// Stand-in for the Finesse server's /desktop/assets/js/finesse.js, served to gadgets by the
// simulated desktop. It does only what the real one is documented to do for a gadget's
// credentials (../shared/finesse/desktop.md, from finesse-10.5.1.js; written here, not copied):
// - it needs jQuery and the gadget container (`gadgets`) to be there when it loads;
// - `finesse.utilities.Utilities.getUserAuthString()` returns the desktop page's
//   sessionStorage `userFinesseAuth` (base64 id:password; gadget frames share its origin);
// - 12.x only: `Utilities.getToken()` returns the current SSO token, and `finesse.gadget.Config` is
//   defined from the prefs (11.5+ samples use it without defining it);
// - last, "if being used in a gadget", it stores the auth string in the `authorization` pref with
//   `new gadgets.Prefs().set(…)`, which exists only with the `setprefs` feature.
// Which version it plays, and the current token, come from the simulated desktop page.
// A classic script: no imports.
(() => {
  const scope = window as unknown as Record<string, unknown> & {
    parent: { finesseSimDesktop?: { finesseJs?: { version: string; token(): string } } };
  };
  if (typeof scope.jQuery !== 'function') {
    throw new ReferenceError('jQuery is not defined (load /desktop/assets/js/jquery.min.js first)');
  }
  const gadgets = scope.gadgets as
    | { Prefs?: new () => { getString(n: string): string; set(n: string, v: unknown): void } }
    | undefined;
  if (!gadgets) throw new ReferenceError('gadgets is not defined');
  const desktop = scope.parent.finesseSimDesktop?.finesseJs ?? { version: '12', token: () => '' };
  const modern = desktop.version !== '10.5';

  const finesse = (scope.finesse ??= {}) as Record<string, Record<string, unknown>>;
  finesse.utilities ??= {};
  const utilities: Record<string, () => string | null> = {
    getUserAuthString: () => window.sessionStorage.getItem('userFinesseAuth'),
  };
  if (modern) utilities.getToken = () => desktop.token() || null;
  finesse.utilities.Utilities = utilities;

  if (gadgets.Prefs) {
    const prefs = new gadgets.Prefs();
    prefs.set('authorization', utilities.getUserAuthString?.() ?? null);
    if (modern) {
      const names = ['id', 'authorization', 'authToken', 'systemAuthMode', 'locale'];
      const config: Record<string, unknown> = {};
      for (const name of names) config[name] = prefs.getString(name);
      config.clientDriftInMillis = Number(prefs.getString('clientDriftInMillis')) || 0;
      finesse.gadget = { ...(finesse.gadget ?? {}), Config: config };
    }
  }
})();

// Stand-in for the Finesse server's /desktop/assets/js/jquery.min.js, served to gadgets by the
// simulated desktop. finesse.js needs jQuery loaded first (Cisco: import jquery.min.js, then
// finesse.js); this marks that it was, and does nothing else. A classic script: no imports.
(() => {
  const scope = window as unknown as Record<string, unknown>;
  const standIn = Object.assign(() => standIn, { fn: { jquery: 'simulated-desktop' } });
  scope.jQuery = standIn;
  scope.$ = standIn;
})();

// `npm run sim`: the simulated Finesse on its own (PORT, default 8082; FLAVOUR UCCX or UCCE).
import { describeSignIns } from './model.ts';
import { startSim } from './server.ts';
import { DEMO_SSO, idpBaseUrl } from './sso.ts';

const port = Number(process.env.PORT ?? 8082);
const flavour = process.env.FLAVOUR === 'UCCE' ? 'UCCE' : 'UCCX';
// The same SSO defaults as `npm start`: HYBRID, 120 s tokens.
const { url, sim, close } = await startSim({ ...DEMO_SSO, port, host: '127.0.0.1', flavour });
console.log(describeSignIns(url, sim.model, { ...sim.ssoConfig, idp: idpBaseUrl(url) }));

const stop = () => {
  void close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

// `npm run sim`: the simulated Finesse on its own (PORT, default 8082; FLAVOUR UCCX or UCCE), as
// a pair of nodes by default (node B on SIM_NODE_B_PORT or PORT + 1; SIM_SINGLE_NODE=1: one).
import { describeSignIns } from './model.ts';
import { nodeBPort, pairWanted } from './pair.ts';
import { startSim } from './server.ts';
import { DEMO_SSO, idpBaseUrl } from './sso.ts';

const port = Number(process.env.PORT ?? 8082);
const flavour = process.env.FLAVOUR === 'UCCE' ? 'UCCE' : 'UCCX';
const pair = pairWanted();
// The same SSO defaults as `npm start`: HYBRID, 120 s tokens.
const { url, urlB, sim, close } = await startSim({
  ...DEMO_SSO,
  port,
  host: '127.0.0.1',
  flavour,
  pair,
  ...(pair ? { portB: nodeBPort(port) } : {}),
});
console.log(describeSignIns(url, sim.model, { ...sim.ssoConfig, idp: idpBaseUrl(url) }));
if (urlB) console.log(`Finesse node B (the pair's secondary, same agents): ${urlB}/`);
console.log(`Failure controls${urlB ? ' for both nodes' : ''}: ${url}/sim/`);

const stop = () => {
  void close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

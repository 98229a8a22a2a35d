// PLACEHOLDER: replaced by the simulator work. Mounts the simulated Finesse on Vite's servers.
import type { Plugin } from 'vite';

export function finesseSim(): Plugin {
  return { name: 'finesse-sim' };
}

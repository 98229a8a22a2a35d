// Parsing cost of the payloads a busy desktop reads most: a 1,000-agent Team (every refresh of
// the supervisor view) and a 200-entry reason list. Run: npm run bench:parse
import { bench, describe } from 'vitest';
import { createBigTeam, seedModel } from '../sim/model.ts';
import type { ReasonCode } from '../sim/model.ts';
import { reasonCodesXml, teamXml } from '../sim/xml.ts';
import { parseReasonCodes } from '../src/finesse/reasonCodes.ts';
import { parseTeam } from '../src/finesse/team.ts';

const model = seedModel('UCCX');
createBigTeam(model, 1000);
const team1000 = teamXml(model, '40', true);

const codes: ReasonCode[] = Array.from({ length: 200 }, (_, i) => ({
  id: 1000 + i,
  category: 'NOT_READY',
  code: 500 + i,
  label: `Reason ${i} – café & co`,
  forAll: i < 100,
  systemCode: false,
  teams: [],
}));
const reasons200 = reasonCodesXml('NOT_READY', codes);

describe('parse', () => {
  bench(`Team with 1,000 members (${Math.round(team1000.length / 1024)} KiB)`, () => {
    const team = parseTeam(team1000);
    if (team.members.length !== 1000) throw new Error(`parsed ${team.members.length} members`);
  });
  bench('ReasonCodes with 200 entries', () => {
    const list = parseReasonCodes(reasons200, 'NOT_READY');
    if (list.reasonCodes.length !== 200) throw new Error(`parsed ${list.reasonCodes.length}`);
  });
});

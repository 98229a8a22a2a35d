// ReasonCode: the type, list parsing, and the uri id that a state change must send (never the code).
import { attribute, list, parseXml, rootNode, text } from './xml.ts';

export type ReasonCategory = 'NOT_READY' | 'LOGOUT';

export interface ReasonCode {
  /** Finesse database id: the last segment of `uri`. This, not `code`, goes into `reasonCodeId`. */
  id: string;
  uri: string;
  /** The number reported to UCCE/UCCX; often differs from `id`. */
  code: string;
  label: string;
  category: ReasonCategory;
  /** true: global; false: assigned to teams. */
  forAll: boolean;
  /** Platform-defined (RONA, supervisor initiated, …): shown by label, never offered for selection. */
  systemCode: boolean;
}

export interface ReasonCodeList {
  category: ReasonCategory;
  reasonCodes: ReasonCode[];
  /** Human-readable notes about entries that could not be used; reported, not silently dropped. */
  problems: ReasonCodeProblem[];
}

const REASON_CODE_URI = /\/ReasonCode\/(\d+)\/*$/;

/** '/finesse/api/ReasonCode/56' → '56' (trailing '/' tolerated); null when the uri carries no numeric ReasonCode id. */
export function reasonCodeIdFromUri(uri: string): string | null {
  const match = REASON_CODE_URI.exec(uri.trim());
  return match?.[1] ?? null;
}

export function parseReasonCategory(value: string): ReasonCategory | null {
  const upper = value.trim().toUpperCase();
  return upper === 'NOT_READY' || upper === 'LOGOUT' ? upper : null;
}

// Servers have sent 'True'; anything that is not some spelling of true counts as false.
function parseBoolean(value: string): boolean {
  return value.trim().toLowerCase() === 'true';
}

/** What names an entry in a problem: its label, else its code (either may be empty). */
export interface EntryName {
  label: string;
  code: string;
}

/** Why an entry, or the list, was not offered as sent; worded for people by the message catalogue. */
export type ReasonCodeProblem =
  | { kind: 'noId'; entry: EntryName; uri: string }
  | { kind: 'unknownCategory'; entry: EntryName; category: string }
  | { kind: 'listCategory'; asked: ReasonCategory; listed: string }
  | { kind: 'tooMany'; category: ReasonCategory; count: number; offered: number }
  | { kind: 'wrongCategory'; label: string; category: ReasonCategory; list: ReasonCategory }
  | { kind: 'duplicateId'; label: string; id: string };

type ReadResult = { ok: true; reasonCode: ReasonCode } | { ok: false; problem: ReasonCodeProblem };

function readReasonCode(node: unknown, fallbackCategory: ReasonCategory | null): ReadResult {
  const uri = text(node, 'uri');
  const code = text(node, 'code');
  const label = text(node, 'label');
  const entry: EntryName = { label, code };
  // The uri is authoritative; User and Team payloads also carry <id>, used when the uri is absent.
  const explicitId = text(node, 'id');
  const id = reasonCodeIdFromUri(uri) ?? (/^\d+$/.test(explicitId) ? explicitId : null);
  if (id === null) {
    return { ok: false, problem: { kind: 'noId', entry, uri } };
  }
  const categoryText = text(node, 'category');
  const category = parseReasonCategory(categoryText) ?? fallbackCategory;
  if (category === null) {
    return { ok: false, problem: { kind: 'unknownCategory', entry, category: categoryText } };
  }
  return {
    ok: true,
    reasonCode: {
      id,
      uri,
      code,
      label,
      category,
      forAll: parseBoolean(text(node, 'forAll')),
      systemCode: parseBoolean(text(node, 'systemCode')),
    },
  };
}

/**
 * Reads a ReasonCode embedded in a User, Team member or notification (`<ReasonCode>` or
 * `<reasonCode>`, which also carry `<id>`). Returns null when absent, empty or without an id.
 */
export function parseReasonCodeNode(
  node: unknown,
  fallbackCategory: ReasonCategory | null = null,
): ReasonCode | null {
  if (node === undefined || node === null || node === '') return null;
  const result = readReasonCode(node, fallbackCategory);
  return result.ok ? result.reasonCode : null;
}

/**
 * The most reasons of one category a list may offer. Finesse allows 100 global and 100 team Not
 * Ready codes (Cisco's administration guide); a longer list is cut here, with a notice, so a
 * broken server cannot fill the menu with thousands of entries.
 */
export const MAX_REASON_CODES = 200;

/** Parses a `<ReasonCodes category="…">` list body; one, many or no entries. */
export function parseReasonCodes(xml: string, category: ReasonCategory): ReasonCodeList {
  const root = rootNode(parseXml(xml), ['ReasonCodes'], xml);
  const problems: ReasonCodeProblem[] = [];
  const listCategory = attribute(root, 'category');
  if (listCategory !== '' && parseReasonCategory(listCategory) !== category) {
    problems.push({ kind: 'listCategory', asked: category, listed: listCategory });
  }
  const reasonCodes: ReasonCode[] = [];
  const entries = list(root, 'ReasonCode');
  if (entries.length > MAX_REASON_CODES) {
    problems.push({
      kind: 'tooMany',
      category,
      count: entries.length,
      offered: MAX_REASON_CODES,
    });
  }
  for (const entry of entries.slice(0, MAX_REASON_CODES)) {
    const result = readReasonCode(entry, category);
    if (!result.ok) {
      problems.push(result.problem);
    } else if (result.reasonCode.category !== category) {
      // NOT_READY and LOGOUT ids are separate; offering one in the other's list would fail or mislead.
      problems.push({
        kind: 'wrongCategory',
        label: result.reasonCode.label,
        category: result.reasonCode.category,
        list: category,
      });
    } else {
      reasonCodes.push(result.reasonCode);
    }
  }
  // Two entries with one id: whichever is sent, Finesse applies the one it knows by that id, and
  // the state would then show a label the agent did not pick. Offer neither.
  const seen = new Map<string, number>();
  for (const reasonCode of reasonCodes) seen.set(reasonCode.id, (seen.get(reasonCode.id) ?? 0) + 1);
  const duplicated = new Set([...seen].filter(([, count]) => count > 1).map(([id]) => id));
  for (const reasonCode of reasonCodes) {
    if (duplicated.has(reasonCode.id)) {
      problems.push({ kind: 'duplicateId', label: reasonCode.label, id: reasonCode.id });
    }
  }
  return {
    category,
    reasonCodes: reasonCodes.filter((reasonCode) => !duplicated.has(reasonCode.id)),
    problems,
  };
}

/** The reason codes a user may pick: never system codes (the platform applies those itself). */
export function selectableReasonCodes(list: readonly ReasonCode[]): ReasonCode[] {
  return list.filter((reasonCode) => !reasonCode.systemCode);
}

// Reading a gadget.xml the way the Finesse desktop's Shindig does: the declaration first, ModulePrefs,
// required features (checked against what this desktop provides), user prefs and their `__UP_…__`
// substitution, and the document the gadget's content is rendered into.

export interface GadgetFeature {
  name: string;
  required: boolean;
  params: Record<string, string>;
}

export interface GadgetUserPref {
  name: string;
  datatype: string;
  defaultValue: string;
}

export interface GadgetSpec {
  title: string;
  description: string;
  thumbnail: string;
  /** ModulePrefs height, the iframe's height until the gadget adjusts it. */
  height: number | null;
  features: GadgetFeature[];
  userPrefs: GadgetUserPref[];
  content: { href: string | null; body: string };
}

export class GadgetSpecError extends Error {
  override readonly name = 'GadgetSpecError';
}

/** What this simulated desktop implements, like Shindig's features/ folder. */
export const SUPPORTED_FEATURES: readonly string[] = [
  'pubsub-2',
  'dynamic-height',
  'settitle',
  'setprefs',
  'loadingindicator',
];

const childrenNamed = (parent: Element, name: string): Element[] =>
  [...parent.children].filter((el) => el.localName === name);

export function parseGadgetSpec(xml: string): GadgetSpec {
  if (!xml.replace(/^\uFEFF/, '').startsWith('<?xml')) {
    throw new GadgetSpecError('gadget.xml must start with the XML declaration (<?xml …?>)');
  }
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new GadgetSpecError(`gadget.xml is not well-formed XML: ${error.textContent}`);
  const module = doc.documentElement;
  if (module.localName !== 'Module') throw new GadgetSpecError('the root element must be <Module>');
  const prefs = childrenNamed(module, 'ModulePrefs')[0];
  if (!prefs) throw new GadgetSpecError('<ModulePrefs> is missing');
  const contents = childrenNamed(module, 'Content');
  const content = contents.find((c) => (c.getAttribute('view') ?? 'default') === 'default');
  if (!content) throw new GadgetSpecError('<Content> is missing');
  if ((content.getAttribute('type') ?? 'html') !== 'html') {
    throw new GadgetSpecError('only <Content type="html"> is supported by the Finesse desktop');
  }
  const features = [
    ...childrenNamed(prefs, 'Require').map((el) => ({ el, required: true })),
    ...childrenNamed(prefs, 'Optional').map((el) => ({ el, required: false })),
  ].map(({ el, required }) => ({
    name: el.getAttribute('feature') ?? '',
    required,
    params: Object.fromEntries(
      childrenNamed(el, 'Param').map((p) => [p.getAttribute('name') ?? '', p.textContent ?? '']),
    ),
  }));
  const height = Number(prefs.getAttribute('height'));
  return {
    title: prefs.getAttribute('title') ?? '',
    description: prefs.getAttribute('description') ?? '',
    thumbnail: prefs.getAttribute('thumbnail') ?? '',
    height: Number.isFinite(height) && height > 0 ? height : null,
    features,
    userPrefs: childrenNamed(module, 'UserPref').map((el) => ({
      name: el.getAttribute('name') ?? '',
      datatype: el.getAttribute('datatype') ?? 'string',
      defaultValue: el.getAttribute('default_value') ?? '',
    })),
    content: { href: content.getAttribute('href'), body: content.textContent ?? '' },
  };
}

/** Why this desktop would refuse the gadget; empty when it can render it. */
export function specProblems(
  spec: GadgetSpec,
  supported: readonly string[] = SUPPORTED_FEATURES,
): string[] {
  const problems: string[] = [];
  if (!spec.features.some((f) => f.name === 'pubsub-2' && f.required)) {
    problems.push('Finesse gadgets must <Require feature="pubsub-2"/>');
  }
  for (const feature of spec.features) {
    if (feature.required && !supported.includes(feature.name)) {
      problems.push(`required feature "${feature.name}" is not provided by this desktop`);
    }
  }
  if (spec.title.trim() === '') problems.push('<ModulePrefs> has no title');
  return problems;
}

export function feature(spec: GadgetSpec, name: string): GadgetFeature | undefined {
  return spec.features.find((f) => f.name === name);
}

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/**
 * The prefs a gadget sees: each declared pref's default, overridden by what the desktop passes
 * (for Finesse: finesse.gadget.Config's fields).
 */
export function effectivePrefs(
  spec: GadgetSpec,
  fromDesktop: Record<string, string>,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const pref of spec.userPrefs) values[pref.name] = pref.defaultValue;
  return { ...values, ...fromDesktop };
}

/** Replaces `__UP_name__` with the pref's value, HTML-escaped (unknown prefs become empty). */
export function substitutePrefs(body: string, prefs: Record<string, string>): string {
  return body.replace(/__UP_([A-Za-z0-9_.-]+?)__/g, (_whole, name: string) =>
    escapeHtml(prefs[name] ?? ''),
  );
}

/**
 * The iframe document: `<base>` makes the content's relative URLs resolve against gadget.xml's
 * folder; the bootstrap script installs the container APIs before any gadget script runs.
 */
export function gadgetDocument(options: {
  body: string;
  baseHref: string;
  bootstrap: string;
}): string {
  return [
    '<!doctype html>',
    '<html>',
    '<head>',
    '<meta charset="utf-8">',
    `<base href="${escapeHtml(options.baseHref)}">`,
    `<script>${options.bootstrap}</script>`,
    '</head>',
    '<body>',
    options.body,
    '</body>',
    '</html>',
  ].join('\n');
}

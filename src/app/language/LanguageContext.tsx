// The page's language for components: the locale Intl formats with, and (in the tab) the switch.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { LanguageTag } from '../../i18n/locales.ts';
import { t } from '../../i18n/messages.ts';
import { rememberLanguage, switchLanguage, type LanguageState } from '../../i18n/language.ts';

interface LanguageContextValue extends LanguageState {
  /** Switches the page's language (the tab); absent in the desktop, whose locale decides. */
  choose?: (tag: LanguageTag) => void;
  /** A switch is loading this language. */
  loading: LanguageTag | null;
  /** The first language is still loading: the page is mounted but hidden. */
  pending: boolean;
}

const LanguageContext = createContext<LanguageContextValue>({
  tag: 'en',
  locale: 'en',
  failed: null,
  loading: null,
  pending: false,
});

export function useLanguage(): LanguageContextValue {
  return useContext(LanguageContext);
}

/** The locale to format numbers, times and names with. */
export function useLocale(): string {
  return useContext(LanguageContext).locale;
}

interface Props {
  /**
   * The language being started (startLanguage). The page mounts at once, hidden, so its Finesse
   * requests go out in parallel with the catalogue's, not after it (one round trip), and shows
   * when the language is active: never a flash of English before German.
   */
  start: Promise<LanguageState>;
  /** What `start` gave, when it has already settled: the first render is then the shown one. */
  started?: LanguageState | null;
  /** The host's own locale (browser or desktop), for regional formats within a language. */
  hostLocale: string;
  /** Where the tab remembers a choice. */
  storage?: Storage;
  /** The tab offers a switch; in the desktop, the desktop's locale decides. */
  switchable?: boolean;
  /**
   * Called on every render, so the whole page re-renders in a new language: t() reads the active
   * catalogue, and elements passed in as children would be reused unchanged.
   */
  render: () => ReactNode;
}

export function LanguageRoot({
  start,
  started = null,
  hostLocale,
  storage,
  switchable = false,
  render,
}: Props) {
  const [state, setState] = useState<LanguageState | null>(started);
  const [loading, setLoading] = useState<LanguageTag | null>(null);
  // Only the latest choice lands: a slow catalogue cannot overwrite a later pick.
  const latest = useRef(0);

  useEffect(() => {
    let current = true;
    void start.then((started) => {
      if (current) setState((existing) => existing ?? started);
    });
    return () => {
      current = false;
    };
  }, [start]);

  useEffect(() => {
    // The tab's title is the page's; in the desktop the gadget's title goes through the host.
    if (switchable && state) document.title = t('app.title');
  }, [switchable, state]);

  const choose = useCallback(
    (tag: LanguageTag) => {
      const request = ++latest.current;
      setLoading(tag);
      switchLanguage(tag, hostLocale, () => request === latest.current).then(
        (switched) => {
          if (switched === null) return;
          rememberLanguage(storage, tag);
          setLoading(null);
          setState({ ...switched, failed: null });
        },
        () => {
          if (request !== latest.current) return;
          setLoading(null);
          setState((current) => (current ? { ...current, failed: tag } : current));
        },
      );
    },
    [hostLocale, storage],
  );

  const value: LanguageContextValue = {
    ...(state ?? { tag: 'en', locale: hostLocale, failed: null }),
    loading,
    pending: state === null,
    ...(switchable ? { choose } : {}),
  };
  return (
    <LanguageContext.Provider value={value}>
      <div className="language-root" hidden={state === null}>
        {render()}
      </div>
    </LanguageContext.Provider>
  );
}

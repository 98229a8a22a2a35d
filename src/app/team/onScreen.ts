// Whether an element is on (or near) the screen, from one IntersectionObserver shared by every
// caller: a thousand rows' timers tick only where someone can see them.
import { useEffect, useState, type RefObject } from 'react';

type Listener = (onScreen: boolean) => void;

const listeners = new Map<Element, Listener>();
let observer: IntersectionObserver | null = null;

function observe(element: Element, listener: Listener): () => void {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) listeners.get(entry.target)?.(entry.isIntersecting);
    },
    // A margin, so a row scrolled into view is already up to date.
    { rootMargin: '200px 0px' },
  );
  listeners.set(element, listener);
  observer.observe(element);
  return () => {
    observer?.unobserve(element);
    listeners.delete(element);
  };
}

/** true until the observer first reports, and always where there is no IntersectionObserver. */
export function useOnScreen(ref: RefObject<Element | null>): boolean {
  const [onScreen, setOnScreen] = useState(true);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    return observe(element, setOnScreen);
  }, [ref]);
  return onScreen;
}

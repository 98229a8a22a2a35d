// A WAI-ARIA menu button: arrow keys, Home/End, type-ahead, Escape; the menu opens in the page flow
// (not floating) so a gadget iframe grows to show it instead of clipping it.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

export interface MenuItem {
  id: string;
  label: string;
}

interface Props {
  label: string;
  /** Accessible name of the menu, e.g. "Not Ready: choose a reason". */
  menuLabel: string;
  items: readonly MenuItem[];
  onSelect: (item: MenuItem) => void;
  disabled?: boolean;
  /** Why it is disabled, when something on the page says so. */
  describedBy?: string | undefined;
  onToggle?: () => void;
}

export function MenuButton({
  label,
  menuLabel,
  items,
  onSelect,
  disabled,
  describedBy,
  onToggle,
}: Props) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLLIElement | null)[]>([]);
  const rootRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (open) itemRefs.current[active]?.focus();
  }, [open, active]);

  useEffect(() => {
    onToggle?.();
  }, [open, onToggle]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const openAt = (index: number) => {
    setActive(index);
    setOpen(true);
  };

  const close = (focusButton: boolean) => {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  };

  const choose = (item: MenuItem) => {
    close(true);
    onSelect(item);
  };

  const onButtonKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      openAt(0);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      openAt(items.length - 1);
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const last = items.length - 1;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setActive((i) => (i >= last ? 0 : i + 1));
        return;
      case 'ArrowUp':
        event.preventDefault();
        setActive((i) => (i <= 0 ? last : i - 1));
        return;
      case 'Home':
        event.preventDefault();
        setActive(0);
        return;
      case 'End':
        event.preventDefault();
        setActive(last);
        return;
      case 'Escape':
        event.preventDefault();
        close(true);
        return;
      case 'Tab':
        close(false);
        return;
      case 'Enter':
      case ' ': {
        event.preventDefault();
        const item = items[active];
        if (item) choose(item);
        return;
      }
      default:
        if (event.key.length === 1 && /\S/.test(event.key)) {
          // Type-ahead: jump to the next item whose label starts with the typed character.
          const char = event.key.toLocaleLowerCase();
          for (let step = 1; step <= items.length; step++) {
            const index = (active + step) % items.length;
            if (items[index]?.label.toLocaleLowerCase().startsWith(char)) {
              setActive(index);
              break;
            }
          }
        }
    }
  };

  return (
    <div className="menu-button" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={disabled || items.length === 0}
        aria-describedby={describedBy}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKeyDown}
      >
        {label} <span aria-hidden="true">▾</span>
      </button>
      {/* A menu left open when changes are paused closes with it. */}
      {open && !disabled && (
        <ul id={menuId} role="menu" aria-label={menuLabel} onKeyDown={onMenuKeyDown}>
          {items.map((item, index) => (
            <li
              key={item.id}
              ref={(el) => {
                itemRefs.current[index] = el;
              }}
              role="menuitem"
              tabIndex={index === active ? 0 : -1}
              onClick={() => choose(item)}
              // Move, not enter: a menu opening under a resting pointer must not steal the keyboard position.
              onPointerMove={() => index !== active && setActive(index)}
            >
              {item.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

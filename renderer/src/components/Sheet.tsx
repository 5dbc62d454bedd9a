/**
 * A modal panel built on <dialog>: the browser traps focus, makes the page behind inert and closes
 * it on Esc. `side` slides it in from the right (details) or centres it (small confirmations).
 * Mounted = open: the parent renders it only while it should show, and hears about Esc by onClose.
 */
import { useEffect, useRef, type ReactNode } from 'react';

interface SheetProps {
  labelledBy: string;
  describedBy?: string;
  onClose(): void;
  side?: 'right' | 'center';
  className?: string;
  children: ReactNode;
}

export function Sheet({ labelledBy, describedBy, onClose, side = 'right', className, children }: SheetProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // Where focus was, so closing returns the user to the card or row they came from.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // The close event is queued, not immediate: after React StrictMode's unmount-remount in
    // development the dialog is open again when it arrives, and must not be taken as Esc.
    const handleClose = () => {
      if (!dialog.open) onCloseRef.current();
    };
    dialog.addEventListener('close', handleClose);
    return () => {
      dialog.removeEventListener('close', handleClose);
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`sheet sheet-${side}${className ? ` ${className}` : ''}`}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (event.target === ref.current) ref.current.close();
      }}
    >
      {children}
    </dialog>
  );
}

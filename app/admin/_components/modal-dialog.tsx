"use client";
// A modal built on <dialog>: the browser traps focus, Escape closes it, and the opener gets focus back.
import { useEffect, useRef, type ReactNode } from "react";

type ModalDialogProps = { open: boolean; onClose: () => void; labelledBy: string; children: ReactNode; wide?: boolean };

export function ModalDialog({ open, onClose, labelledBy, children, wide = false }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      onClose={onClose}
      className={`m-auto max-h-[90vh] w-[calc(100%-1.5rem)] overflow-y-auto rounded-lg border border-stone-200 bg-white p-0 text-stone-900 shadow-xl backdrop:bg-stone-900/50 ${wide ? "max-w-3xl" : "max-w-lg"}`}
    >
      {open ? <div className="p-5">{children}</div> : null}
    </dialog>
  );
}

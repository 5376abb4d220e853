import { useEffect, useRef, useState } from 'react'
import ProblemMessage from './ProblemMessage.tsx'

interface Props {
  title: string
  children: React.ReactNode
  confirmLabel: string
  /** The label of the button that closes the dialog and does nothing; "Cancel" unless that would be ambiguous. */
  cancelLabel?: string
  onConfirm: () => Promise<void>
  onClose: () => void
}

/** A modal that asks before a destructive action; Escape or Cancel closes it, the action's error stays in it. */
export default function ConfirmDialog({ title, children, confirmLabel, cancelLabel = 'Cancel', onConfirm, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    const d = dialog.current
    if (d && !d.open) {
      if (typeof d.showModal === 'function') {
        d.showModal() // modal: focus stays inside, Escape cancels
      } else {
        d.setAttribute('open', '')
      }
    }
  }, [])

  async function confirm() {
    setBusy(true)
    setError(null)
    try {
      await onConfirm()
      onClose()
    } catch (e) {
      setError(e)
      setBusy(false)
    }
  }

  return (
    <dialog ref={dialog} className="confirm" aria-labelledby="confirm-title" onCancel={onClose}>
      <h2 id="confirm-title">{title}</h2>
      <div>{children}</div>
      <ProblemMessage error={error} />
      <div className="actions">
        <button type="button" onClick={onClose} disabled={busy}>{cancelLabel}</button>
        <button type="button" className="danger" onClick={() => void confirm()} disabled={busy} autoFocus>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </dialog>
  )
}

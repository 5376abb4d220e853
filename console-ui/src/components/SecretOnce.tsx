import { useRef, useState } from 'react'

interface Props {
  label: string
  secret: string
  onDone: () => void
}

/**
 * A secret the server shows once: copy it (clipboard API; where that is refused, the text is selected so the
 * user can press Ctrl+C) before it is gone for good.
 */
export default function SecretOnce({ label, secret, onDone }: Props) {
  const field = useRef<HTMLInputElement>(null)
  const [copied, setCopied] = useState<'no' | 'yes' | 'selected'>('no')

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret)
      setCopied('yes')
    } catch {
      field.current?.focus()
      field.current?.select()
      setCopied('selected')
    }
  }

  return (
    <div className="secret-once" role="region" aria-label={label}>
      <strong>{label}</strong>
      <p>Copy it now: it is shown only this once and cannot be read again.</p>
      <div className="secret-row">
        <input ref={field} className="code" readOnly value={secret} aria-label={`${label} value`}
               onFocus={(e) => e.target.select()} />
        <button type="button" className="primary" onClick={() => void copy()}>Copy</button>
        <button type="button" onClick={onDone}>Done</button>
      </div>
      <span role="status" className="hint">
        {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'selected' ? 'Selected: press Ctrl+C to copy.' : ''}
      </span>
    </div>
  )
}

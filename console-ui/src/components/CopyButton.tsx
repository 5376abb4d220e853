import { useState } from 'react'

/**
 * Copies {@code text} to the clipboard and says so; where the browser refuses (no clipboard API outside HTTPS or
 * localhost), says to select the text instead.
 */
export default function CopyButton({ text, label }: { text: string, label: string }) {
  const [said, setSaid] = useState('')

  async function copy() {
    try {
      await navigator.clipboard.writeText(text)
      setSaid('Copied.')
    } catch {
      setSaid('The browser refused: select it and press Ctrl+C.')
    }
  }

  return (
    <>
      <button type="button" className="copy" aria-label={label} onClick={() => void copy()}>Copy</button>
      <span role="status" className="hint">{said}</span>
    </>
  )
}

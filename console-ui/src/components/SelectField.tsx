import { useId, type ReactNode } from 'react'

interface Props {
  label: ReactNode
  value: string
  onChange: (value: string) => void
  children: ReactNode
  required?: boolean
}

/**
 * A labelled select. The label sits beside the select rather than around it: a wrapping label would add the
 * selected option to the select's accessible name ("Queue Choose a queue…").
 */
export default function SelectField({ label, value, onChange, children, required }: Props) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} required={required}>{children}</select>
    </div>
  )
}

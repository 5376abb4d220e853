import { useId } from 'react'
import { ApiError } from '../api'
import { nameProblem } from './names.ts'
import ProblemMessage from './ProblemMessage.tsx'
import { isAt } from './targetForm.ts'

interface Props {
  label: string
  /** Where a problem with this name is in the request (`name`, `path: rule`, `targets[0].id`). */
  location: string
  /** The field in a problem's words, e.g. "the name" or "the target id". */
  what: string
  value: string
  onChange: (value: string) => void
  /** The form's latest problem: shown here when its location is this field's. */
  error: unknown
  placeholder?: string
  readOnly?: boolean
  autoFocus?: boolean
}

/**
 * A name field with the problem under it: a name that breaks the server's rule as it is typed, or the problem the
 * last submit found here (the console's own check of an empty name, or the server's answer). A problem the console
 * found goes away once the name is valid.
 */
export default function NameField(props: Props) {
  const { label, location, what, value, onChange, error } = props
  const id = useId()
  const name = value.trim()
  const typed = name === '' ? null : nameProblem(location, what, name)
  const fixed = error instanceof ApiError && error.status === 0 && nameProblem(location, what, name) === null
  const problem: unknown = typed ?? (isAt(error, location) && !fixed ? error : null)
  return (
    <div className="field name-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} placeholder={props.placeholder}
             readOnly={props.readOnly} autoFocus={props.autoFocus} autoComplete="off" spellCheck={false} aria-required
             aria-invalid={problem !== null ? true : undefined} aria-describedby={problem !== null ? `${id}-problem` : undefined} />
      {problem !== null && <div id={`${id}-problem`}><ProblemMessage error={problem} /></div>}
    </div>
  )
}

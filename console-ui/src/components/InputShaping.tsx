import { ApiError } from '../api'
import ProblemMessage from './ProblemMessage.tsx'
import { NAME_PATTERN } from './names.ts'
import { isAt, shapingRequest, type Shaping, type TargetForm } from './targetForm.ts'
import { useServerCheck } from './useServerCheck.ts'

const MODES: [Shaping, string][] = [
  ['none', 'The whole event'],
  ['input', 'Constant JSON'],
  ['inputPath', 'Part of the event (JSONPath)'],
  ['inputTransformer', 'Input transformer'],
]

interface Props {
  form: TargetForm
  location: string
  sampleEvent: string
  bus: string
  ruleName: string
  saveError: unknown
  onChange: (change: Partial<TargetForm>) => void
}

/** What the target receives: the mode's fields, and a live preview of the result for the sandbox's sample event. */
export default function InputShaping({ form, location, sampleEvent, bus, ruleName, saveError, onChange }: Props) {
  const name = `shaping-${form.key}`
  return (
    <fieldset className="shaping">
      <legend>What the target receives</legend>
      <div className="radio-row" role="radiogroup" aria-label="Input shaping">
        {MODES.map(([mode, label]) => (
          <label key={mode} className="radio">
            <input type="radio" name={name} value={mode} checked={form.shaping === mode}
                   onChange={() => onChange({ shaping: mode })} /> {label}
          </label>
        ))}
      </div>
      {form.shaping === 'input' && (
        <label>Input (JSON)
          <textarea className="code" rows={4} value={form.input} spellCheck={false}
                    onChange={(e) => onChange({ input: e.target.value })} />
        </label>
      )}
      {form.shaping === 'inputPath' && (
        <label>Input path
          <input className="code" value={form.inputPath} placeholder="$.detail" spellCheck={false}
                 onChange={(e) => onChange({ inputPath: e.target.value })} />
        </label>
      )}
      {form.shaping === 'inputTransformer' && (
        <div className="two-columns">
          <label>Input paths map (JSON: name → JSONPath)
            <textarea className="code" rows={5} value={form.inputPathsMap} spellCheck={false}
                      onChange={(e) => onChange({ inputPathsMap: e.target.value })} />
          </label>
          <label><span>Input template (<code>&lt;name&gt;</code> is replaced by its value)</span>
            <textarea className="code" rows={5} value={form.inputTemplate} spellCheck={false}
                      onChange={(e) => onChange({ inputTemplate: e.target.value })} />
          </label>
        </div>
      )}
      <ProblemMessage error={['input', 'inputPath', 'inputTransformer'].some((f) => isAt(saveError, `${location}.${f}`))
        ? saveError : null} />
      <Preview form={form} sampleEvent={sampleEvent} bus={bus} ruleName={ruleName} />
    </fieldset>
  )
}

function Preview({ form, sampleEvent, bus, ruleName }: Pick<Props, 'form' | 'sampleEvent' | 'bus' | 'ruleName'>) {
  let body: unknown = null
  let localError: unknown = null
  try {
    body = {
      event: sampleEvent, ...shapingRequest(form, ''),
      // a name the rule cannot have is the name field's problem, not the preview's
      bus, ...(NAME_PATTERN.test(ruleName.trim()) ? { ruleName: ruleName.trim() } : {}),
    }
  } catch (e) {
    localError = e
  }
  const check = useServerCheck<{ output: string }>('/v1/test-input-transformation', body)
  const error = localError ?? check.error
  const eventProblem = error instanceof ApiError && error.location === 'event'
  return (
    <div className="preview" aria-label="Preview of what the target receives" role="group">
      <div className="preview-head">
        <span>Preview for the sample event (exactly as sent)</span>
        {check.pending && !localError && <span className="hint">checking…</span>}
      </div>
      {error ? (
        eventProblem
          ? <p className="hint">Fix the sample event to see a preview.</p>
          : <ProblemMessage error={error} />
      ) : check.result && <pre className="code-block" data-testid="preview">{check.result.output}</pre>}
    </div>
  )
}

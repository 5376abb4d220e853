import type { ReactNode } from 'react'
import { ApiError } from '../api'
import ProblemMessage from './ProblemMessage.tsx'
import { isAt } from './targetForm.ts'
import { useServerCheck } from './useServerCheck.ts'

interface Props {
  pattern: string
  sampleEvent: string
  /** Where the sample event came from, e.g. "the latest event on orders". */
  sampleSource: string
  onPatternChange: (pattern: string) => void
  onSampleEventChange: (event: string) => void
  /** The problem of the last save, shown here when it is about the pattern and the live check did not say it. */
  saveError?: unknown
  /** A way to pick another sample (recent events of the bus), shown above the sample. */
  samplePicker?: ReactNode
}

/**
 * The event pattern, checked by the server as it is typed (its InvalidEventPattern detail right under it), and the
 * sandbox beside it: does the pattern match the sample event? One test-event-pattern call answers both.
 */
export default function PatternEditor(props: Props) {
  const { pattern, sampleEvent, sampleSource, onPatternChange, onSampleEventChange, saveError, samplePicker } = props
  const check = useServerCheck<{ result: boolean }>('/v1/test-event-pattern',
    { eventPattern: pattern, event: sampleEvent })
  const problem = check.error instanceof ApiError ? check.error : check.error ? new ApiError(0, 'Error', String(check.error)) : null
  const patternProblem = problem?.code === 'InvalidEventPattern' ? problem : null
  const eventProblem = problem?.code === 'InvalidEvent' || problem?.location === 'event' ? problem : null
  const otherProblem = problem && !patternProblem && !eventProblem ? problem : null
  const savedProblem = saveError instanceof ApiError && (saveError.code === 'InvalidEventPattern'
    || isAt(saveError, 'eventPattern')) && saveError.message !== patternProblem?.message ? saveError : null

  return (
    <div className="two-columns pattern-sandbox">
      <div className="panel">
        <label htmlFor="event-pattern"><strong>Event pattern</strong></label>
        <textarea id="event-pattern" className="code" rows={12} value={pattern} spellCheck={false}
                  aria-invalid={patternProblem ? true : undefined}
                  aria-describedby="event-pattern-check"
                  onChange={(e) => onPatternChange(e.target.value)} />
        <div id="event-pattern-check" className="check-line">
          {patternProblem ? <ProblemMessage error={patternProblem} />
            : check.pending ? <span className="hint">Checking with the server…</span>
              : check.result ? <span className="ok">The server accepts this pattern.</span> : null}
          <ProblemMessage error={savedProblem} />
        </div>
      </div>
      <div className="panel sandbox" role="group" aria-label="Sandbox">
        <div className="sandbox-head">
          <label htmlFor="sample-event"><strong>Sandbox: sample event</strong></label>
          <Verdict pending={check.pending} result={!problem ? check.result?.result : undefined} />
        </div>
        <p className="hint">{sampleSource}</p>
        {samplePicker}
        <textarea id="sample-event" className="code" rows={12} value={sampleEvent} spellCheck={false}
                  aria-invalid={eventProblem ? true : undefined}
                  onChange={(e) => onSampleEventChange(e.target.value)} />
        <ProblemMessage error={eventProblem ?? otherProblem} />
      </div>
    </div>
  )
}

function Verdict({ pending, result }: { pending: boolean, result?: boolean }) {
  const text = result === undefined ? (pending ? '…' : '—') : result ? 'MATCH' : 'NO MATCH'
  return (
    <output className={`verdict ${result === undefined ? '' : result ? 'match' : 'no-match'} ${pending ? 'stale' : ''}`}
            aria-live="polite" aria-label="Sandbox result">
      {text}
    </output>
  )
}

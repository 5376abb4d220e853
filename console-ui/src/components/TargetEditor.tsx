import { useId } from 'react'
import type { Queue } from '../api'
import InputShaping from './InputShaping.tsx'
import NameField from './NameField.tsx'
import ProblemMessage from './ProblemMessage.tsx'
import { isWarningAt, WarningMessage, type TargetWarning } from './SaveWarnings.tsx'
import SelectField from './SelectField.tsx'
import { isAt, type TargetForm } from './targetForm.ts'

interface Props {
  form: TargetForm
  index: number
  queues: Queue[]
  /** The names of the connections a webhook may authenticate with. */
  connections: string[]
  sampleEvent: string
  bus: string
  ruleName: string
  saveError: unknown
  /** What the last save warned about in this target. */
  warnings: TargetWarning[]
  onChange: (change: Partial<TargetForm>) => void
  onRemove: () => void
}

/** One target of a rule: where it goes (webhook or queue), how it retries, where failures go, what it receives. */
export default function TargetEditor(props: Props) {
  const { form, index, queues, connections, saveError, warnings, onChange, onRemove } = props
  const at = `targets[${index}]`
  const problemAt = (sub: string) => (isAt(saveError, `${at}.${sub}`) ? saveError : null)
  const exactlyHere = isAt(saveError, at) && !['id', 'type', 'webhook', 'queue', 'retryPolicy', 'deadLetterQueue',
    'input', 'inputPath', 'inputTransformer'].some((sub) => isAt(saveError, `${at}.${sub}`))
  const title = `${form.type === 'webhook' ? 'Webhook' : 'Queue'} target ${form.id || index + 1}`

  return (
    <section className="target" aria-label={title}>
      <header className="target-head">
        <h3>{title}</h3>
        <button type="button" className="danger-link" onClick={onRemove}>Remove target</button>
      </header>
      <ProblemMessage error={exactlyHere ? saveError : null} />
      {warnings.filter((w) => !(form.type === 'webhook' && isWarningAt(w, 'webhook'))).map((w, i) => (
        <WarningMessage key={i} warning={w.warning} />
      ))}
      <div className="field-row">
        <NameField label="Target id" location={`${at}.id`} what="the target id" value={form.id}
                   onChange={(id) => onChange({ id })} error={saveError} placeholder="billing" />
        {form.type === 'queue' && (
          <SelectField label="Queue" value={form.queueName} onChange={(queueName) => onChange({ queueName })} required>
            <option value="">Choose a queue…</option>
            {queues.map((q) => <option key={q.name} value={q.name}>{q.name}</option>)}
          </SelectField>
        )}
      </div>
      <ProblemMessage error={problemAt('type') ?? problemAt('queue')} />
      {form.type === 'queue' && queues.length === 0 && (
        <p className="hint">No queues yet: create one on the Queues page first.</p>
      )}
      {form.type === 'webhook' && <WebhookFields form={form} connections={connections} onChange={onChange}
                                                 problem={problemAt('webhook')}
                                                 warnings={warnings.filter((w) => isWarningAt(w, 'webhook'))} />}

      <div className="field-row">
        <label>Maximum retry attempts
          <input inputMode="numeric" value={form.maximumRetryAttempts} placeholder="185"
                 onChange={(e) => onChange({ maximumRetryAttempts: e.target.value })} />
        </label>
        <label>Maximum event age (seconds)
          <input inputMode="numeric" value={form.maximumEventAgeInSeconds} placeholder="86400"
                 onChange={(e) => onChange({ maximumEventAgeInSeconds: e.target.value })} />
        </label>
        <SelectField label="Dead-letter queue" value={form.deadLetterQueue}
                     onChange={(deadLetterQueue) => onChange({ deadLetterQueue })}>
          <option value="">None (the bus' dead-letter queue, if it has one)</option>
          {queues.map((q) => <option key={q.name} value={q.name}>{q.name}</option>)}
        </SelectField>
      </div>
      <ProblemMessage error={problemAt('retryPolicy') ?? problemAt('deadLetterQueue')} />

      <InputShaping form={form} location={at} sampleEvent={props.sampleEvent} bus={props.bus} ruleName={props.ruleName}
                    saveError={saveError} onChange={onChange} />
    </section>
  )
}

function WebhookFields({ form, connections, onChange, problem, warnings }: {
  form: TargetForm, connections: string[], onChange: (change: Partial<TargetForm>) => void, problem: unknown, warnings: TargetWarning[]
}) {
  const warningsId = useId()
  return (
    <>
      <div className="field-row">
        <label className="grow">URL
          <input type="url" value={form.url} placeholder="https://billing.example.com/hook" required
                 aria-describedby={warnings.length > 0 ? warningsId : undefined}
                 onChange={(e) => onChange({ url: e.target.value })} />
        </label>
        <SelectField label="Method" value={form.method} onChange={(method) => onChange({ method })}>
          <option>POST</option><option>PUT</option><option>PATCH</option>
        </SelectField>
        <label>Timeout (ms)
          <input inputMode="numeric" value={form.timeoutMillis} placeholder="10000"
                 onChange={(e) => onChange({ timeoutMillis: e.target.value })} />
        </label>
        <label>Rate limit (per second)
          <input inputMode="numeric" value={form.rateLimitPerSecond} placeholder="none"
                 onChange={(e) => onChange({ rateLimitPerSecond: e.target.value })} />
        </label>
      </div>
      {warnings.length > 0 && (
        <div id={warningsId} className="field-warnings">
          {warnings.map((w, i) => <WarningMessage key={i} warning={w.warning} />)}
        </div>
      )}
      <div className="field-row">
        <label className="grow"><span>Headers (one <code>Name: value</code> per line)</span>
          <textarea className="code" rows={2} value={form.headers} spellCheck={false}
                    onChange={(e) => onChange({ headers: e.target.value })} />
        </label>
        <SelectField label="Signing secret" value={form.signing}
                     onChange={(signing) => onChange({ signing: signing as TargetForm['signing'] })}>
          <option value="keep">{form.signingSecretSet ? 'Keep the current secret' : 'Not signed'}</option>
          <option value="generate">{form.signingSecretSet ? 'Generate a new secret' : 'Generate a secret'}</option>
          <option value="set">Enter a secret (whsec_…)</option>
        </SelectField>
        {form.signing === 'set' && (
          <label>Secret
            <input className="code" value={form.signingSecret} placeholder="whsec_…" autoComplete="off"
                   onChange={(e) => onChange({ signingSecret: e.target.value })} />
          </label>
        )}
      </div>
      <div className="field-row">
        <SelectField label="Connection (credentials)" value={form.connection}
                     onChange={(connection) => onChange({ connection })}>
          <option value="">None</option>
          {/* a connection named by the target but not (or no longer) listed stays choosable */}
          {(form.connection && !connections.includes(form.connection) ? [form.connection, ...connections]
            : connections).map((name) => <option key={name} value={name}>{name}</option>)}
        </SelectField>
        <SelectField label="Format" value={form.format} onChange={(format) => onChange({ format })}>
          <option value="">EventBridge event (JSON)</option>
          <option value="CLOUDEVENTS_BINARY">CloudEvent, HTTP binary mode</option>
        </SelectField>
      </div>
      {connections.length === 0 && !form.connection && (
        <p className="hint">Deliveries that must log in (basic auth, an API key header, OAuth) use a connection:
          create one on the Connections page.</p>
      )}
      <ProblemMessage error={problem} />
    </>
  )
}

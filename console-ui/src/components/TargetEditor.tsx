import { useId, type ChangeEvent, type ReactNode } from 'react'
import type { Queue, TargetType } from '../api'
import InputShaping from './InputShaping.tsx'
import NameField from './NameField.tsx'
import ProblemMessage from './ProblemMessage.tsx'
import { isWarningAt, WarningMessage, type TargetWarning } from './SaveWarnings.tsx'
import SelectField from './SelectField.tsx'
import { isAt, KINDS, type Routing, type TargetForm, type TextField } from './targetForm.ts'

interface Props {
  form: TargetForm
  index: number
  queues: Queue[]
  /** The names of the connections a webhook, RabbitMQ or NATS target may log in with. */
  connections: string[]
  /** The names of this installation's buses, for a bus target. */
  buses: string[]
  sampleEvent: string
  bus: string
  ruleName: string
  saveError: unknown
  /** What the last save warned about in this target. */
  warnings: TargetWarning[]
  onChange: (change: Partial<TargetForm>) => void
  onRemove: () => void
}

interface FieldsProps {
  form: TargetForm
  connections: string[]
  onChange: (change: Partial<TargetForm>) => void
  /** A problem with the kind's block. */
  problem: unknown
  /** What the last save warned about in the block; the webhook's fields show them at the URL. */
  warnings: TargetWarning[]
}

/** The fields of the kinds that have more than a name to pick, each ending with its block's problem. */
const FIELDS: Partial<Record<TargetType, (props: FieldsProps) => ReactNode>> = {
  webhook: WebhookFields, rabbitmq: RabbitMqFields, kafka: KafkaFields, nats: NatsFields,
}

/** One target of a rule: where it goes (its kind's fields), how it retries, where failures go, what it receives. */
export default function TargetEditor(props: Props) {
  const { form, index, queues, connections, saveError, warnings, onChange, onRemove } = props
  const at = `targets[${index}]`
  const problemAt = (sub: string) => (isAt(saveError, `${at}.${sub}`) ? saveError : null)
  const exactlyHere = isAt(saveError, at) && !['id', 'type', form.type, 'retryPolicy', 'deadLetterQueue',
    'input', 'inputPath', 'inputTransformer'].some((sub) => isAt(saveError, `${at}.${sub}`))
  const title = `${KINDS[form.type].title} target ${form.id || index + 1}`
  const Fields = FIELDS[form.type]
  // a bus target goes to another bus than the rule's own; one it already names stays choosable
  const buses = choosable(props.buses.filter((b) => b !== props.bus), form.busName)

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
        {form.type === 'bus' && (
          <SelectField label="Bus" value={form.busName} onChange={(busName) => onChange({ busName })} required>
            <option value="">Choose a bus…</option>
            {buses.map((name) => <option key={name} value={name}>{name}</option>)}
          </SelectField>
        )}
        {form.type === 'bus' && <RateLimitField form={form} onChange={onChange} />}
      </div>
      <ProblemMessage error={problemAt('type') ?? (Fields ? null : problemAt(form.type))} />
      {form.type === 'queue' && queues.length === 0 && (
        <p className="hint">No queues yet: create one on the Queues page first.</p>
      )}
      {form.type === 'bus' && (
        <p className="hint">{buses.length === 0 ? 'No other bus yet: create one on the Buses page first.'
          : 'The event goes to that bus as it is: its rules, archives and schemas apply there.'}</p>
      )}
      {Fields && <Fields form={form} connections={connections} onChange={onChange} problem={problemAt(form.type)}
                         warnings={warnings.filter((w) => isWarningAt(w, form.type))} />}

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

      {KINDS[form.type].shapesInput
        ? <InputShaping form={form} location={at} sampleEvent={props.sampleEvent} bus={props.bus}
                        ruleName={props.ruleName} saveError={saveError} onChange={onChange} />
        : <p className="hint">A bus target receives the event itself: there is no input shaping.</p>}
    </section>
  )
}

function WebhookFields({ form, connections, onChange, problem, warnings }: FieldsProps) {
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
        <RateLimitField form={form} onChange={onChange} />
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
        <ConnectionField form={form} connections={connections} onChange={onChange} />
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

/** The choices of a RabbitMQ target's routing key, in the order shown. */
const ROUTING_CHOICES: [Routing, string][] = [
  ['static', 'Static'], ['path', 'From the event'], ['none', 'None (an empty routing key)'],
]

function RabbitMqFields({ form, connections, onChange, problem }: FieldsProps) {
  const text = bind(form, onChange)
  return (
    <>
      <div className="field-row">
        <label className="grow">URI
          <input className="code" {...text('uri')} placeholder="amqp://host:5672/vhost" />
        </label>
        <label>Exchange
          <input className="code" {...text('exchange')} placeholder="(the default exchange)" />
        </label>
        <RateLimitField form={form} onChange={onChange} />
      </div>
      <p className="hint">The URI is <code>amqp://</code> or <code>amqps://host[:port][/vhost]</code>, with no
        credentials in it: a connection gives them. The exchange is required, but may be left empty: that is the
        default exchange (<code>""</code>), which puts each message on the queue the routing key names.</p>
      <fieldset>
        <legend>Routing key</legend>
        <div className="radio-row">
          {ROUTING_CHOICES.map(([routing, label]) => (
            <label key={routing} className="radio">
              <input type="radio" name={`routing-${form.key}`} value={routing} checked={form.routing === routing}
                     onChange={() => onChange({ routing })} /> {label}
            </label>
          ))}
        </div>
        {form.routing === 'static' && (
          <label>Routing key <input className="code" {...text('routingKey')} placeholder="order.placed" /></label>
        )}
        {form.routing === 'path' && (
          <label>Routing key path (JSONPath)
            <input className="code" {...text('routingKey')} placeholder="$.detail.kind" />
          </label>
        )}
      </fieldset>
      <div className="field-row"><ConnectionField form={form} connections={connections} onChange={onChange} /></div>
      <p className="hint">{BROKER_CONNECTION}</p>
      <ProblemMessage error={problem} />
    </>
  )
}

function KafkaFields({ form, onChange, problem }: FieldsProps) {
  const text = bind(form, onChange)
  return (
    <>
      <div className="field-row">
        <label className="grow">Bootstrap servers
          <input className="code" {...text('bootstrapServers')} placeholder="host:9092,host2:9092" />
        </label>
        <label>Topic <input className="code" {...text('topic')} placeholder="orders" /></label>
        <label>Record key path (optional)
          <input className="code" {...text('keyPath')} placeholder="$.detail.orderId" />
        </label>
        <RateLimitField form={form} onChange={onChange} />
      </div>
      <p className="hint">The record key path is a JSONPath of the event whose value keys the record; without one,
        records have no key.</p>
      <ProblemMessage error={problem} />
    </>
  )
}

function NatsFields({ form, connections, onChange, problem }: FieldsProps) {
  const text = bind(form, onChange)
  return (
    <>
      <div className="field-row">
        <label className="grow">Servers
          <input className="code" {...text('servers')} placeholder="nats://127.0.0.1:4222" />
        </label>
        <label>Subject <input className="code" {...text('subject')} placeholder="orders.placed" /></label>
        <RateLimitField form={form} onChange={onChange} />
      </div>
      <p className="hint">Published with JetStream: a stream must take this subject.</p>
      <div className="field-row"><ConnectionField form={form} connections={connections} onChange={onChange} /></div>
      <p className="hint">{BROKER_CONNECTION}</p>
      <ProblemMessage error={problem} />
    </>
  )
}

const BROKER_CONNECTION = 'The connection (optional) is a BASIC connection: its username and password log in.'

/** The value and onChange of an input that edits one text field of the form. */
function bind(form: TargetForm, onChange: (change: Partial<TargetForm>) => void) {
  return (field: TextField) => ({
    value: form[field], spellCheck: false,
    onChange: (e: ChangeEvent<HTMLInputElement>) => onChange({ [field]: e.target.value }),
  })
}

function RateLimitField({ form, onChange }: { form: TargetForm, onChange: (change: Partial<TargetForm>) => void }) {
  return (
    <label>Rate limit (per second)
      <input inputMode="numeric" value={form.rateLimitPerSecond} placeholder="none"
             onChange={(e) => onChange({ rateLimitPerSecond: e.target.value })} />
    </label>
  )
}

function ConnectionField({ form, connections, onChange }: Omit<FieldsProps, 'problem' | 'warnings'>) {
  return (
    <SelectField label="Connection (credentials)" value={form.connection}
                 onChange={(connection) => onChange({ connection })}>
      <option value="">None</option>
      {choosable(connections, form.connection).map((name) => <option key={name} value={name}>{name}</option>)}
    </SelectField>
  )
}

/** The names to choose from: a name the target already has but that is not (or no longer) listed stays choosable. */
function choosable(names: string[], current: string): string[] {
  return current && !names.includes(current) ? [current, ...names] : names
}

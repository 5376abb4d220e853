import { useState } from 'react'
import { api, seg, type DeliveryRequest } from '../api'
import { prettyText } from './formatJson.ts'
import ProblemMessage from './ProblemMessage.tsx'
import { kindTitle } from './targetForm.ts'

/**
 * A delivery's request, asked for when opened: method and URL (or the queue), headers with the secret ones masked
 * and said where they come from, and the body after input shaping. Of another kind of target (a bus, a broker), where
 * it puts the body, as the server says it.
 */
export default function SentRequest({ deliveryId }: { deliveryId: string }) {
  const [request, setRequest] = useState<DeliveryRequest | null>(null)
  const [error, setError] = useState<unknown>(null)

  function opened(open: boolean) {
    if (!open) return
    api<DeliveryRequest>('GET', `/v1/deliveries/${seg(deliveryId)}/request`).then((r) => {
      setRequest(r)
      setError(null)
    }, setError)
  }

  return (
    <details className="sent-request" onToggle={(e) => opened((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Request</summary>
      <ProblemMessage error={error} />
      {!request && !error && <p role="status" className="loading">Loading the request…</p>}
      {request && (
        <div aria-label="Request sent">
          {request.settingsChangedSince && (
            <p className="warning" role="note">The rule was saved after the last attempt: this is what its targets
              send now, which may differ from what that attempt sent.</p>
          )}
          {request.error
            ? <p className="error">Nothing can be sent: {request.error}</p>
            : request.type === 'queue'
              ? <p>Put on queue <code>{request.queue}</code> as the message:</p>
              : request.type === 'webhook'
                ? <p><code>{request.method} {request.url}</code></p>
                : <p>{kindTitle(request.type)} target: to {request.destination}, as the message:</p>}
          {request.headers && (
            <table className="headers" aria-label="Headers">
              <tbody>
                {request.headers.map((h) => (
                  <tr key={h.name}>
                    <th scope="row"><code>{h.name}</code></th>
                    <td><code>{h.value}</code>{h.note && <span className="hint"> — {h.note}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {request.body !== undefined && <pre className="json" aria-label="Body">{prettyText(request.body)}</pre>}
          {request.bodyBase64 !== undefined && (
            <p className="hint">A binary body of {request.contentType}, in base64: <code>{request.bodyBase64}</code></p>
          )}
        </div>
      )}
    </details>
  )
}

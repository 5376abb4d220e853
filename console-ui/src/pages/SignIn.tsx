import { useState, type FormEvent } from 'react'
import { useSession } from '../session.tsx'
import ProblemMessage from '../components/ProblemMessage.tsx'

/** Sign-in with the admin token; the server answers with an HttpOnly session cookie, the token is not kept. */
export default function SignIn() {
  const { signIn } = useSession()
  const [token, setToken] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await signIn(token.trim())
    } catch (problem) {
      setError(problem)
      setBusy(false)
    }
  }

  return (
    <main className="sign-in">
      <form onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Eventbus</h1>
        <p>Sign in with the admin token. Eventbus printed it at its first start and keeps it in
          <code> .eventbus/admin-token</code>.</p>
        <label htmlFor="token">Admin token</label>
        <input id="token" type="password" autoComplete="current-password" value={token} autoFocus
               onChange={(e) => setToken(e.target.value)} required />
        <ProblemMessage error={error} />
        <button type="submit" className="primary" disabled={busy || token.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  )
}

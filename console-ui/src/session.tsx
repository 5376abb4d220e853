import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react'
import { api, ApiError, SIGNED_OUT_EVENT } from './api'

/** Whether the browser holds a valid session cookie; the cookie itself is HttpOnly and never seen here. */
export type SessionState = 'checking' | 'signed-in' | 'signed-out'

interface Session {
  state: SessionState
  signIn: (token: string) => Promise<void>
  signOut: () => Promise<void>
}

const SessionContext = createContext<Session | null>(null)

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>('checking')

  useEffect(() => {
    api('GET', '/v1/session').then(() => setState('signed-in'), () => setState('signed-out'))
    const lost = () => setState('signed-out')
    window.addEventListener(SIGNED_OUT_EVENT, lost)
    return () => window.removeEventListener(SIGNED_OUT_EVENT, lost)
  }, [])

  const signIn = useCallback(async (token: string) => {
    await api('POST', '/v1/session', { token })
    setState('signed-in')
  }, [])

  /**
   * Ends the session on the server (a copy of the cookie stops working too). When the server could not record that,
   * the session is still valid: this stays signed in and throws, so the user is told and can try again. A 401 means
   * there was no session left to end.
   */
  const signOut = useCallback(async () => {
    try {
      await api('DELETE', '/v1/session')
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) throw e
    }
    setState('signed-out')
  }, [])

  return <SessionContext.Provider value={{ state, signIn, signOut }}>{children}</SessionContext.Provider>
}

export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) {
    throw new Error('useSession outside SessionProvider')
  }
  return session
}

import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react'
import { api, SIGNED_OUT_EVENT } from './api'

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

  const signOut = useCallback(async () => {
    await api('DELETE', '/v1/session').catch(() => undefined)
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

import { useEffect, useRef, useState } from 'react'
import { Navigate, NavLink, Route, Routes, useLocation } from 'react-router'
import { useSession } from './session.tsx'
import SignIn from './pages/SignIn.tsx'
import Buses from './pages/Buses.tsx'
import BusRules from './pages/BusRules.tsx'
import TargetHealth from './pages/TargetHealth.tsx'
import RuleEditor from './pages/RuleEditor.tsx'
import ApiKeys from './pages/ApiKeys.tsx'
import Connections from './pages/Connections.tsx'
import AuditLog from './pages/AuditLog.tsx'
import Queues from './pages/Queues.tsx'
import QueueMessages from './pages/QueueMessages.tsx'
import Events from './pages/Events.tsx'
import Overview from './pages/Overview.tsx'
import EventDetail from './pages/EventDetail.tsx'
import SendEvent from './pages/SendEvent.tsx'
import Schemas from './pages/Schemas.tsx'
import SchemaDetail from './pages/SchemaDetail.tsx'
import Archives from './pages/Archives.tsx'
import ArchiveDetail from './pages/ArchiveDetail.tsx'
import Replays from './pages/Replays.tsx'
import ReplayDetail from './pages/ReplayDetail.tsx'
import StartReplay from './pages/StartReplay.tsx'

export default function App() {
  const { state, signOut } = useSession()
  const [signOutProblem, setSignOutProblem] = useState<string | null>(null)
  if (state === 'checking') {
    return <p className="loading" role="status">Loading…</p>
  }
  if (state === 'signed-out') {
    return <SignIn />
  }
  return (
    <div className="shell">
      <TopBar onSignOut={() => {
        setSignOutProblem(null)
        signOut().catch((e: Error) => setSignOutProblem(e.message))
      }} />
      <main>
        {signOutProblem && (
          <div className="problem" role="alert">
            Not signed out: {signOutProblem}. Your session is still valid; try again.
          </div>
        )}
        <Routes>
          <Route path="/" element={<Navigate to="/overview" replace />} />
          <Route path="/buses" element={<Buses />} />
          <Route path="/buses/:bus" element={<BusRules />} />
          <Route path="/buses/:bus/new-rule" element={<RuleEditor />} />
          <Route path="/buses/:bus/rules/:rule" element={<RuleEditor />} />
          <Route path="/buses/:bus/send-event" element={<SendEvent />} />
          <Route path="/buses/:bus/health" element={<TargetHealth />} />
          <Route path="/api-keys" element={<ApiKeys />} />
          <Route path="/connections" element={<Connections />} />
          <Route path="/audit-log" element={<AuditLog />} />
          <Route path="/queues" element={<Queues />} />
          <Route path="/queues/:queue" element={<QueueMessages />} />
          <Route path="/schemas" element={<Schemas />} />
          <Route path="/schemas/:name" element={<SchemaDetail />} />
          <Route path="/archives" element={<Archives />} />
          <Route path="/archives/:name" element={<ArchiveDetail />} />
          <Route path="/replays" element={<Replays />} />
          <Route path="/replays/new" element={<StartReplay />} />
          <Route path="/replays/:name" element={<ReplayDetail />} />
          <Route path="/overview" element={<Overview />} />
          <Route path="/events" element={<Events />} />
          <Route path="/events/:id" element={<EventDetail />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
    </div>
  )
}

/**
 * The top bar: its links in a row where they fit, behind a Menu button on a narrow screen (CSS decides which; the
 * menu closes when a page is chosen, on Escape and on a click outside it).
 */
function TopBar({ onSignOut }: { onSignOut: () => void }) {
  const [open, setOpen] = useState(false)
  const { pathname } = useLocation()
  const bar = useRef<HTMLElement>(null)

  useEffect(() => setOpen(false), [pathname])
  useEffect(() => {
    if (!open) return undefined
    const closeOnEscape = (e: KeyboardEvent) => { if (e.key === 'Escape') setOpen(false) }
    const closeOutside = (e: MouseEvent) => { if (!bar.current?.contains(e.target as Node)) setOpen(false) }
    document.addEventListener('keydown', closeOnEscape)
    document.addEventListener('click', closeOutside)
    return () => {
      document.removeEventListener('keydown', closeOnEscape)
      document.removeEventListener('click', closeOutside)
    }
  }, [open])

  return (
    <header ref={bar} className={open ? 'topbar open' : 'topbar'}>
      <span className="brand">Eventbus</span>
      <button type="button" className="menu-button" aria-expanded={open} aria-controls="main-menu"
              onClick={() => setOpen(!open)}>Menu</button>
      <div id="main-menu" className="menu">
        <nav aria-label="Main">
          <NavLink to="/overview">Overview</NavLink>
          <NavLink to="/buses">Buses</NavLink>
          <NavLink to="/api-keys">API keys</NavLink>
          <NavLink to="/connections">Connections</NavLink>
          <NavLink to="/queues">Queues</NavLink>
          <NavLink to="/schemas">Schemas</NavLink>
          <NavLink to="/events">Events</NavLink>
          <NavLink to="/archives">Archives</NavLink>
          <NavLink to="/replays">Replays</NavLink>
          <NavLink to="/audit-log">Audit log</NavLink>
        </nav>
        <button type="button" className="link" onClick={onSignOut}>Sign out</button>
      </div>
    </header>
  )
}

function NotFound() {
  return (
    <section>
      <h1>Not found</h1>
      <p>This page does not exist. <NavLink to="/buses">Go to the buses.</NavLink></p>
    </section>
  )
}

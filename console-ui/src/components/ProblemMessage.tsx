import { ApiError } from '../api'

/** A server problem shown where it happened: its detail, and what it is about when the server said. */
export default function ProblemMessage({ error }: { error: unknown }) {
  if (!error) {
    return null
  }
  const problem = error instanceof ApiError ? error : new ApiError(0, 'Error', String(error))
  return (
    <div className="problem" role="alert">
      <strong>{problem.message}</strong>
      {problem.location && <span className="where"> ({problem.location})</span>}
      <span className="code">{problem.code}</span>
    </div>
  )
}

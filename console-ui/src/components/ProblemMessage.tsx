import { useContext } from 'react'
import { ApiError } from '../api'
import { FieldWords } from './fieldWords.ts'

/**
 * A server problem shown where it happened: its detail, and what it is about when the server said, in the words of
 * the form around it ({@link FieldWords}).
 */
export default function ProblemMessage({ error }: { error: unknown }) {
  const words = useContext(FieldWords)
  if (!error) {
    return null
  }
  const problem = error instanceof ApiError ? error : new ApiError(0, 'Error', String(error))
  return (
    <div className="problem" role="alert">
      <strong>{problem.message}</strong>
      {problem.location && <span className="where"> ({words(problem.location)})</span>}
      <span className="code">{problem.code}</span>
    </div>
  )
}

/// <reference types="node" />
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { NAME_PATTERN, nameProblem } from './components/names.ts'

describe('names', () => {
  it("are checked with core's rule (Names.PATTERN), not a copy that drifted from it", () => {
    // vitest runs in console-ui/
    const java = readFileSync('../core/src/main/java/io/eventbus/core/name/Names.java', 'utf8')
    const server = /String PATTERN = "([^"]+)"/.exec(java)?.[1]
    expect(server).toBeDefined()
    expect(NAME_PATTERN.source).toBe(`^${server}$`)
  })

  it('say what is wrong, at the location given', () => {
    expect(nameProblem('name', 'the name', 'orders.v2_eu-1')).toBeNull()
    expect(nameProblem('name', 'the name', '')?.message).toBe(
      "The name is required: use 1 to 64 letters, digits, '.', '_' or '-'.")
    const problem = nameProblem('path: rule', 'the name', 'big orders/eu')!
    expect(problem.message).toBe("The name 'big orders/eu' is not a valid name: it has a space and '/'; use 1 to 64"
      + " letters, digits, '.', '_' or '-'.")
    expect(problem.location).toBe('path: rule')
    expect(problem.code).toBe('ValidationError')
    expect(nameProblem('name', 'the name', 'a'.repeat(65))?.message).toContain('is 65 characters long')
    expect(nameProblem('name', 'the name', 'ä')?.message).toContain("it has 'ä'")
  })
})

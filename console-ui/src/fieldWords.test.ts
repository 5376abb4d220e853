import { describe, expect, it } from 'vitest'
import { ruleFieldWords } from './components/fieldWords.ts'

describe('problem locations in the words of the rule form', () => {
  const targets = [{ id: 'billing', type: 'webhook' }, { id: 'queue-3', type: 'queue' }]

  it('names a target by its kind and id, and its field by its label', () => {
    expect(ruleFieldWords('targets[1].queue.name', targets)).toBe('Queue target queue-3: Queue')
    expect(ruleFieldWords('targets[0].webhook.url', targets)).toBe('Webhook target billing: URL')
    expect(ruleFieldWords('targets[0].webhook.headers.X-Team', targets)).toBe('Webhook target billing: Headers')
    expect(ruleFieldWords('targets[0].inputTransformer.inputTemplate', targets))
      .toBe('Webhook target billing: Input template')
    expect(ruleFieldWords('targets[1]', targets)).toBe('Queue target queue-3')
  })

  it('names a target by its place when its id is the problem, or it is not in the form', () => {
    expect(ruleFieldWords('targets[0].id', targets)).toBe('Webhook target 1: Target id')
    expect(ruleFieldWords('targets[5].queue.name', targets)).toBe('Target 6: Queue')
  })

  it('names the rule\'s own fields, and leaves what it does not know as the server said it', () => {
    expect(ruleFieldWords('eventPattern', targets)).toBe('Event pattern')
    expect(ruleFieldWords('path: rule', targets)).toBe('Name')
    expect(ruleFieldWords('body', targets)).toBe('body')
  })
})

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

  it('names the fields of the new kinds by their labels, and elsewhere in a block the kind', () => {
    const kinds = [{ id: 'mq', type: 'rabbitmq' }, { id: 'k', type: 'kafka' }, { id: 'n', type: 'nats' },
      { id: 'fwd', type: 'bus' }]
    expect(ruleFieldWords('targets[0].rabbitmq.exchange', kinds)).toBe('RabbitMQ target mq: Exchange')
    expect(ruleFieldWords('targets[0].rabbitmq.routingKeyPath', kinds)).toBe('RabbitMQ target mq: Routing key path')
    expect(ruleFieldWords('targets[0].rabbitmq.connection', kinds)).toBe('RabbitMQ target mq: Connection (credentials)')
    expect(ruleFieldWords('targets[1].kafka.rateLimitPerSecond', kinds)).toBe('Kafka target k: Rate limit (per second)')
    expect(ruleFieldWords('targets[1].kafka.keyPath', kinds)).toBe('Kafka target k: Record key path')
    expect(ruleFieldWords('targets[2].nats.subject', kinds)).toBe('NATS target n: Subject')
    expect(ruleFieldWords('targets[2].nats', kinds)).toBe('NATS target n: NATS')
    expect(ruleFieldWords('targets[3].bus.name', kinds)).toBe('Bus target fwd: Bus')
    expect(ruleFieldWords('targets[3]', kinds)).toBe('Bus target fwd')
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

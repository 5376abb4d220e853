import { describe, expect, it } from 'vitest'
import { ApiError, type Target } from './api'
import { newTarget, targetForm, targetRequest, type TargetForm } from './components/targetForm.ts'

/** What a save sends for this form, as the first target of the rule. */
function sent(form: TargetForm): Record<string, unknown> {
  return targetRequest(form, 0)
}

function thrownBy(act: () => unknown): unknown {
  try {
    act()
  } catch (e) {
    return e
  }
  return null
}

function form(type: TargetForm['type'], fields: Partial<TargetForm>): TargetForm {
  return { ...newTarget(type, 't'), ...fields }
}

describe('the target form of the new kinds', () => {
  it.each<[string, Target]>([
    ['bus', { id: 't', type: 'bus', bus: { name: 'other', rateLimitPerSecond: 50 } }],
    ['rabbitmq, static routing key', { id: 't', type: 'rabbitmq', rabbitmq: { uri: 'amqp://mq:5672/shop',
      connection: 'mq-login', exchange: 'orders', routingKey: 'order.placed', rateLimitPerSecond: 20 } }],
    ['rabbitmq, routing key from the event', { id: 't', type: 'rabbitmq', rabbitmq: { uri: 'amqps://mq/shop',
      exchange: 'orders', routingKeyPath: '$.detail.kind' }, inputPath: '$.detail' }],
    ['rabbitmq, default exchange and no routing key', { id: 't', type: 'rabbitmq',
      rabbitmq: { uri: 'amqp://mq', exchange: '' } }],
    ['kafka', { id: 't', type: 'kafka', kafka: { bootstrapServers: 'k1:9092,k2:9092', topic: 'orders',
      keyPath: '$.detail.orderId', rateLimitPerSecond: 100 }, retryPolicy: { maximumRetryAttempts: 3 } }],
    ['nats', { id: 't', type: 'nats', nats: { servers: 'nats://127.0.0.1:4222', subject: 'orders.placed',
      connection: 'nats-login', rateLimitPerSecond: 5 }, deadLetterQueue: 'dlq' }],
  ])('sends back what the server showed: %s', (_kind, target) => {
    expect(sent(targetForm(target))).toEqual(target)
  })

  it('leaves out the optional fields left empty, and sends the required ones even when empty', () => {
    expect(sent(form('rabbitmq', { uri: 'amqp://mq', routing: 'static' }))).toEqual({ id: 't', type: 'rabbitmq',
      rabbitmq: { uri: 'amqp://mq', exchange: '' } })
    expect(sent(form('kafka', { bootstrapServers: 'k1:9092', topic: 'orders', keyPath: '  ' }))).toEqual({ id: 't',
      type: 'kafka', kafka: { bootstrapServers: 'k1:9092', topic: 'orders' } })
    expect(sent(form('nats', { servers: 'nats://n1:4222' }))).toEqual({ id: 't', type: 'nats',
      nats: { servers: 'nats://n1:4222', subject: '' } })
    expect(sent(form('bus', {}))).toEqual({ id: 't', type: 'bus', bus: { name: '' } })
  })

  it('sends no input shaping for a bus target, and sends it for the other kinds', () => {
    const shaped = { shaping: 'inputPath', inputPath: '$.detail' } as const
    expect(sent(form('bus', { busName: 'other', ...shaped }))).toEqual({ id: 't', type: 'bus', bus: { name: 'other' } })
    expect(sent(form('kafka', { bootstrapServers: 'k1:9092', topic: 'orders', ...shaped })).inputPath).toBe('$.detail')
  })

  it('sends the routing key as the choice says: static, from the event, or none', () => {
    const rabbit = (routing: TargetForm['routing']) => sent(form('rabbitmq', { uri: 'amqp://mq', exchange: 'orders',
      routing, routingKey: 'order.placed' })).rabbitmq
    expect(rabbit('static')).toEqual({ uri: 'amqp://mq', exchange: 'orders', routingKey: 'order.placed' })
    expect(rabbit('path')).toEqual({ uri: 'amqp://mq', exchange: 'orders', routingKeyPath: 'order.placed' })
    expect(rabbit('none')).toEqual({ uri: 'amqp://mq', exchange: 'orders' })

    const shown = (rabbitmq: NonNullable<Target['rabbitmq']>) => targetForm({ id: 't', type: 'rabbitmq', rabbitmq })
    expect(shown({ uri: 'amqp://mq', exchange: 'x', routingKeyPath: '$.detail.kind' }))
      .toMatchObject({ routing: 'path', routingKey: '$.detail.kind' })
    expect(shown({ uri: 'amqp://mq', exchange: 'x', routingKey: 'order.placed' }))
      .toMatchObject({ routing: 'static', routingKey: 'order.placed' })
    expect(shown({ uri: 'amqp://mq', exchange: 'x' })).toMatchObject({ routing: 'none', routingKey: '' })
  })

  it('refuses a rate limit that is not a whole number, at the field of its block', () => {
    const wrong = form('kafka', { bootstrapServers: 'k1:9092', topic: 'orders', rateLimitPerSecond: '10/s' })
    const problem = thrownBy(() => sent(wrong))
    expect(problem).toBeInstanceOf(ApiError)
    expect(problem).toMatchObject({ code: 'ValidationError', location: 'targets[0].kafka.rateLimitPerSecond',
      message: "targets[0].kafka.rateLimitPerSecond must be a whole number, not '10/s'" })
  })
})

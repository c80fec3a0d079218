import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs'
import { createServer, connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const SERVER = '/usr/lib/rabbitmq/bin/rabbitmq-server'

/** A free loopback port (the OS picks it; closed again before the broker takes it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ port, host: '127.0.0.1' })
    s.once('connect', () => (s.destroy(), resolve(true)))
    s.once('error', () => resolve(false))
  })
}

function rabbitUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined
  const id = (flag: string) => Number(spawnSync('id', [flag, 'rabbitmq'], { encoding: 'utf8' }).stdout.trim())
  return { uid: id('-u'), gid: id('-g') }
}

export interface Broker {
  readonly url: string
  readonly nodeName: string
  /** Stops the node gracefully (SIGTERM) and waits for the process to end. */
  stop(): Promise<void>
  /** Starts it again on the same port and data directory (durable queues and messages survive). */
  start(): Promise<void>
  /** stop(), then removes the data directory and the broker's own epmd. */
  dispose(): Promise<void>
}

/**
 * Debian's rabbitmq-server on loopback with its own node name, AMQP port, distribution port, epmd port and data
 * directory under the temp dir, so parallel runs (and a system broker) never collide. Started as the `rabbitmq`
 * user when we are root (the package's own scripts do the same), as ourselves otherwise.
 */
export async function startBroker(readyTimeoutMs = 90_000): Promise<Broker> {
  const dir = mkdtempSync(join(tmpdir(), 'salesflow-rabbit-'))
  const [port, distPort, epmdPort] = [await freePort(), await freePort(), await freePort()]
  const nodeName = `salesflow_${process.pid}_${port}@localhost`
  const user = rabbitUser()
  mkdirSync(join(dir, 'mnesia'))
  mkdirSync(join(dir, 'log'))
  writeFileSync(
    join(dir, 'rabbitmq.conf'),
    [`listeners.tcp.default = 127.0.0.1:${port}`, 'log.console = false', 'log.file.level = warning', ''].join('\n'),
  )
  writeFileSync(join(dir, 'enabled_plugins'), '[].\n')
  if (user)
    for (const p of ['', 'mnesia', 'log', 'rabbitmq.conf', 'enabled_plugins'])
      chownSync(join(dir, p), user.uid, user.gid)
  const env = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: user ? '/var/lib/rabbitmq' : (process.env['HOME'] ?? dir),
    LANG: 'C.UTF-8',
    RABBITMQ_NODENAME: nodeName,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq.conf'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-kernel inet_dist_use_interface {127,0,0,1}',
    ERL_EPMD_PORT: String(epmdPort),
    ERL_EPMD_ADDRESS: '127.0.0.1',
  }
  let proc: ChildProcess | undefined
  let output = ''

  const start = async () => {
    output = ''
    const child = spawn(SERVER, [], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], ...(user ?? {}) })
    child.stdout?.on('data', (b: Buffer) => (output = (output + b.toString()).slice(-4000)))
    child.stderr?.on('data', (b: Buffer) => (output = (output + b.toString()).slice(-4000)))
    proc = child
    const deadline = Date.now() + readyTimeoutMs
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`rabbitmq-server exited (${child.exitCode}):\n${output}`)
      if (await accepts(port)) return
      await sleep(250)
    }
    child.kill('SIGKILL')
    throw new Error(`rabbitmq-server not ready within ${readyTimeoutMs} ms:\n${output}`)
  }

  const stop = async () => {
    const child = proc
    proc = undefined
    if (!child || child.exitCode !== null) return
    const exited = new Promise<void>((r) => child.once('exit', () => r()))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    await exited
    clearTimeout(timer)
    // The port must be free again before a restart can bind it.
    while (await accepts(port)) await sleep(100)
  }

  await start()
  return {
    url: `amqp://guest:guest@127.0.0.1:${port}`,
    nodeName,
    stop,
    start,
    dispose: async () => {
      await stop()
      const epmd = findEpmd()
      if (epmd) spawnSync(epmd, ['-port', String(epmdPort), '-kill'], { env: { ...env }, timeout: 5_000 })
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function findEpmd(): string | undefined {
  try {
    const erts = readdirSync('/usr/lib/erlang').filter((d) => d.startsWith('erts-'))
    return erts[0] ? join('/usr/lib/erlang', erts[0], 'bin', 'epmd') : undefined
  } catch {
    return undefined
  }
}

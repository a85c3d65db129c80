/** Where readings come from: NDJSON (a file or stdin) and an MQTT topic. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import mqtt from 'mqtt';
import type { Ingester } from './pipeline';

/** Readings waiting in the ingester beyond which a source stops reading until the backlog shrinks. */
const HIGH_WATER = 8_000;

async function belowHighWater(ingester: Ingester): Promise<void> {
  while (ingester.backlog > HIGH_WATER) await new Promise((resolve) => setTimeout(resolve, 20));
}

/**
 * Feeds NDJSON lines (`-` = stdin). Line n is the source position n: lines up to `ingester.resumeAfter` were
 * journaled before a restart and are skipped (a file is read again from its start; a producer piping into
 * stdin must replay from its start too, or hand the ingester only lines it has not acknowledged).
 */
export async function ingestNdjson(ingester: Ingester, file: string): Promise<void> {
  const input = file === '-' ? process.stdin : createReadStream(file);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let seq = 0;
  const outcomes: Promise<void>[] = [];
  for await (const line of lines) {
    seq++;
    if (seq <= ingester.resumeAfter) continue;
    outcomes.push(ingester.offer(line, seq));
    if (outcomes.length >= 1000) await Promise.all(outcomes.splice(0));
    await belowHighWater(ingester);
  }
  await Promise.all(outcomes);
}

export interface MqttSourceOptions {
  url: string;
  topic: string;
  /** A stable client id: with a persistent session the broker keeps unacknowledged messages across restarts. */
  clientId: string;
  username?: string;
  password?: string;
}

/**
 * Subscribes at QoS 1 with a persistent session (MQTT 5, session kept 1 day): a message (one reading, or
 * several newline-separated, as a gateway forwards them) is acknowledged (PUBACK) only once the ingester
 * journaled its outcome, so a crash before that makes the broker deliver it again; the journal recognises
 * what it already accepted.
 */
export async function ingestMqtt(ingester: Ingester, options: MqttSourceOptions): Promise<mqtt.MqttClient> {
  const client = mqtt.connect(options.url, {
    clientId: options.clientId,
    clean: false,
    protocolVersion: 5,
    properties: { sessionExpiryInterval: 86_400 },
    username: options.username,
    password: options.password,
    reconnectPeriod: 1000,
  });
  // Set before the connection opens: a resumed session redelivers the unacknowledged messages at once, and the
  // default handler would acknowledge them before the ingester journaled them (readings lost after a crash).
  client.handleMessage = (packet, callback) => {
    const text = typeof packet.payload === 'string' ? packet.payload : Buffer.from(packet.payload).toString('utf8');
    belowHighWater(ingester)
      .then(() => ingester.offer(text))
      .then(() => callback(), callback);
  };
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  await client.subscribeAsync(options.topic, { qos: 1 });
  return client;
}

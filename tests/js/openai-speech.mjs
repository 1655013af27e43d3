// The official openai package against the gateway's POST /v1/audio/speech.
// Usage: node openai-speech.mjs [baseURL] [apiKey] [outDir]   (or OPENAI_BASE_URL / OPENAI_API_KEY), baseURL ending in /v1.
// Prints a JSON summary; exits non-zero when any check fails. With outDir, writes the mp3 answers there (mp3.mp3,
// default.mp3, sse.mp3) for the reference decoders.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';

const baseURL = process.argv[2] ?? process.env.OPENAI_BASE_URL;
const apiKey = process.argv[3] ?? process.env.OPENAI_API_KEY;
const outDir = process.argv[4];
if (!baseURL || !apiKey) {
  console.error('usage: node openai-speech.mjs <baseURL ending in /v1> <apiKey>');
  process.exit(2);
}

const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 120_000 });
const summary = { baseURL, checks: [] };
const check = (name, ok, detail) => summary.checks.push({ name, ok: Boolean(ok), detail });

function readWav(bytes) {
  const ascii = (offset) => bytes.subarray(offset, offset + 4).toString('ascii');
  if (bytes.length < 12 || ascii(0) !== 'RIFF' || ascii(8) !== 'WAVE') {
    return null;
  }
  // Streamed WAV has open-ended sizes (0xFFFFFFFF): walk the chunks up to "data" and count what follows.
  let position = 12;
  let sampleRate = 0;
  while (position + 8 <= bytes.length) {
    const id = ascii(position);
    const size = bytes.readUInt32LE(position + 4);
    if (id === 'fmt ') {
      sampleRate = bytes.readUInt32LE(position + 12);
    } else if (id === 'data') {
      return { sampleRate, dataBytes: bytes.length - position - 8 };
    }
    position += 8 + size;
  }
  return null;
}

try {
  const started = performance.now();
  const response = await client.audio.speech.create({
    model: 'tts-1',
    voice: 'alloy',
    input: 'Hello from the official OpenAI client. This sentence comes back as speech.',
    response_format: 'wav',
  });
  const parts = [];
  let firstChunkMs = null;
  for await (const part of response.body) {
    firstChunkMs ??= performance.now() - started;
    parts.push(Buffer.from(part));
  }
  const bytes = Buffer.concat(parts);
  const wav = readWav(bytes);
  summary.speech = {
    status: response.status,
    contentType: response.headers.get('content-type'),
    bytes: bytes.length,
    streamedParts: parts.length,
    firstChunkMs: Math.round(firstChunkMs ?? -1),
    ...wav,
  };
  check('speech answers 200', response.status === 200, response.status);
  check('content type is audio/wav', response.headers.get('content-type')?.startsWith('audio/wav'), response.headers.get('content-type'));
  check('body is RIFF/WAVE', wav !== null, bytes.subarray(0, 12).toString('hex'));
  check('WAV data is not empty', (wav?.dataBytes ?? 0) > 0, wav?.dataBytes);
} catch (error) {
  check('speech request succeeds', false, String(error));
}

const save = (name, bytes) => outDir && writeFileSync(join(outDir, name), bytes);
const isMp3 = (bytes) => bytes.length > 4 && bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0;

// OpenAI's default format is mp3: asked for, and left out.
for (const [name, format] of [['mp3', 'mp3'], ['default', undefined]]) {
  try {
    const response = await client.audio.speech.create({
      model: 'tts-1', voice: 'alloy', input: 'An mp3 from the official client, as OpenAI makes by default.', ...(format ? { response_format: format } : {}),
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    save(`${name}.mp3`, bytes);
    summary[name] = { status: response.status, contentType: response.headers.get('content-type'), bytes: bytes.length };
    check(`${name}: content type is audio/mpeg`, response.headers.get('content-type') === 'audio/mpeg', response.headers.get('content-type'));
    check(`${name}: body starts with an MPEG frame`, isMp3(bytes), bytes.subarray(0, 4).toString('hex'));
  } catch (error) {
    check(`${name} speech succeeds`, false, String(error));
  }
}

// OpenAI's SSE stream: speech.audio.delta events with base64 audio, then speech.audio.done.
try {
  const response = await client.audio.speech.create({
    model: 'tts-1', voice: 'alloy', input: 'Streamed as server-sent events. Each part of the audio comes in its own event.', stream_format: 'sse',
  });
  const events = (await response.text()).split('\n\n').map((e) => e.split('\n').find((l) => l.startsWith('data: ')))
    .filter(Boolean).map((l) => JSON.parse(l.slice(6)));
  const deltas = events.filter((e) => e.type === 'speech.audio.delta');
  const done = events.at(-1);
  const audio = Buffer.concat(deltas.map((e) => Buffer.from(e.audio, 'base64')));
  save('sse.mp3', audio);
  summary.sse = { contentType: response.headers.get('content-type'), events: events.length, deltas: deltas.length, bytes: audio.length, done };
  check('sse: content type is text/event-stream', response.headers.get('content-type')?.startsWith('text/event-stream'), response.headers.get('content-type'));
  check('sse: deltas then one done event', deltas.length >= 1 && deltas.length === events.length - 1 && done?.type === 'speech.audio.done', events.map((e) => e.type));
  check('sse: done carries usage', typeof done?.usage?.input_tokens === 'number' && typeof done?.usage?.total_tokens === 'number', done?.usage);
  check('sse: the deltas are mp3', isMp3(audio), audio.subarray(0, 4).toString('hex'));
} catch (error) {
  check('sse speech succeeds', false, String(error));
}

try {
  await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: '' });
  check('empty input throws BadRequestError', false, 'no error was thrown');
} catch (error) {
  summary.badRequest = { name: error?.constructor?.name, status: error?.status, message: error?.message, param: error?.param, type: error?.type };
  check('empty input throws BadRequestError', error instanceof OpenAI.BadRequestError, error?.constructor?.name);
  check('its status is 400', error?.status === 400, error?.status);
  check('its message says what is wrong', typeof error?.error?.message === 'string' && error.error.message.includes('input'), error?.error?.message);
  check('its param is input', error?.param === 'input', error?.param);
}

try {
  await new OpenAI({ baseURL, apiKey: 'not-a-key', maxRetries: 0 }).audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Hi.' });
  check('a wrong key throws AuthenticationError', false, 'no error was thrown');
} catch (error) {
  check('a wrong key throws AuthenticationError', error instanceof OpenAI.AuthenticationError && error.status === 401, `${error?.constructor?.name} ${error?.status}`);
}

summary.ok = summary.checks.every((c) => c.ok);
console.log(JSON.stringify(summary, null, 2));
process.exit(summary.ok ? 0 : 1);

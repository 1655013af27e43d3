// The try-it page: submits a job with the tenant's key, polls it, then plays the WAV fetched with the same key
// (an <audio> element cannot send headers, so the audio comes in as a Blob URL).
'use strict';

const $ = (id) => document.getElementById(id);
const KEY_STORAGE = 'autoscale.tenantKey';
const POLL_MS = 500;
let audioUrl = null;

function say(text, kind = 'muted') {
  $('status').textContent = text;
  $('status').className = kind;
}

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    credentials: 'omit',
    headers: { Authorization: `Bearer ${$('key').value.trim()}`, ...(options.headers ?? {}) },
  });
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try { detail = (await response.json()).detail ?? detail; } catch { /* not problem+json */ }
    throw new Error(detail);
  }
  return response;
}

async function loadCatalogue() {
  if (!$('key').value.trim()) return;
  try {
    const [models, voices] = await Promise.all([
      api('/v1/models').then((r) => r.json()), api('/v1/voices').then((r) => r.json()),
    ]);
    const modelSelect = $('model');
    modelSelect.replaceChildren(...models.data.map((m) => {
      const option = new Option(`${m.id} (${m.availability?.status ?? 'unknown'})`, m.id, m.isDefault, m.isDefault);
      option.dataset.defaultVoice = m.defaultVoice;
      return option;
    }));
    const showVoices = () => {
      const model = modelSelect.value;
      const defaultVoice = modelSelect.selectedOptions[0]?.dataset.defaultVoice;
      // Voices a model lists but cannot speak (e.g. Kokoro's Japanese ones) are shown, disabled, with the reason.
      $('voice').replaceChildren(...voices.items.filter((v) => v.model === model).map((v) => {
        const option = new Option(v.available === false ? `${v.id} (unavailable)` : v.id, v.id, v.id === defaultVoice, v.id === defaultVoice);
        option.disabled = v.available === false;
        if (v.reason) option.title = v.reason;
        return option;
      }));
    };
    modelSelect.onchange = showVoices;
    showVoices();
    say('Ready.');
  } catch (error) {
    say(`Could not load the models: ${error.message}`, 'error');
  }
}

async function speak(event) {
  event.preventDefault();
  $('submit').disabled = true;
  $('player').removeAttribute('src');
  if (audioUrl) URL.revokeObjectURL(audioUrl);
  try {
    const submitted = await api('/v1/jobs', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: $('text').value, model: $('model').value || undefined, voice: $('voice').value || undefined, format: 'wav' }),
    }).then((r) => r.json());
    $('job-id').textContent = submitted.id;
    let job = submitted;
    while (job.status === 'queued' || job.status === 'running') {
      $('progress').max = job.progress.chunksTotal;
      $('progress').value = job.progress.chunksDone;
      say(`${job.status}: ${job.progress.chunksDone} of ${job.progress.chunksTotal} chunks`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      job = await api(`/v1/jobs/${job.id}`).then((r) => r.json());
    }
    if (job.status !== 'succeeded') {
      throw new Error(`the job ${job.status}${job.error ? `: ${job.error.message}` : ''}`);
    }
    $('progress').max = job.progress.chunksTotal;
    $('progress').value = job.progress.chunksDone;
    const audio = await api(job.links.audio).then((r) => r.blob());
    audioUrl = URL.createObjectURL(audio);
    $('player').src = audioUrl;
    $('player').dataset.jobId = job.id;
    say(`Done: ${job.audioSeconds.toFixed(1)} s of audio. Press play.`, 'ok');
  } catch (error) {
    say(`Failed: ${error.message}`, 'error');
  } finally {
    $('submit').disabled = false;
  }
}

$('key').value = sessionStorage.getItem(KEY_STORAGE) ?? '';
$('key').addEventListener('change', () => {
  sessionStorage.setItem(KEY_STORAGE, $('key').value.trim());
  loadCatalogue();
});
$('try-form').addEventListener('submit', speak);
loadCatalogue();

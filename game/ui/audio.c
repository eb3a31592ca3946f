/* audio.c - tones made once at start-up and queued when played. */
#include "audio.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

typedef struct note {
    float freq; /* Hz */
    int ms;
} note;

/* Renders notes into a mono 16-bit clip with a short attack and decay. */
static void render(audio *s, audio_sound which, const note *notes, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += (size_t)(s->rate * notes[i].ms / 1000);
    Sint16 *buf = xcalloc(total ? total : 1, sizeof *buf);
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = (size_t)(s->rate * notes[i].ms / 1000);
        for (size_t k = 0; k < len; k++) {
            double t = (double)k / s->rate;
            double env = fmin(1.0, k / (s->rate * 0.005)) * exp(-3.0 * k / (double)len);
            double v = sin(2 * M_PI * notes[i].freq * t) * 0.6 +
                       sin(4 * M_PI * notes[i].freq * t) * 0.15;
            buf[at + k] = (Sint16)(v * env * s->volume * 20000);
        }
        at += len;
    }
    s->clip[which] = buf;
    s->clip_len[which] = (Uint32)(total * sizeof *buf);
}

void audio_open(audio *s, bool enabled, int volume_percent)
{
    memset(s, 0, sizeof *s);
    if (!enabled || volume_percent <= 0)
        return;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
        return; /* silent */
    SDL_AudioSpec want = {0}, got;
    want.freq = 22050;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 512;
    s->dev = SDL_OpenAudioDevice(NULL, 0, &want, &got, 0);
    if (!s->dev) {
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return;
    }
    s->rate = got.freq;
    s->volume = volume_percent / 100.0f;
    static const note right[] = {{660, 90}, {880, 160}};
    static const note wrong[] = {{300, 120}, {220, 220}};
    static const note tick[] = {{1000, 40}};
    render(s, SOUND_RIGHT, right, 2);
    render(s, SOUND_WRONG, wrong, 2);
    render(s, SOUND_TICK, tick, 1);
    SDL_PauseAudioDevice(s->dev, 0);
}

void audio_play(audio *s, audio_sound which)
{
    if (!s->dev)
        return;
    SDL_ClearQueuedAudio(s->dev);
    SDL_QueueAudio(s->dev, s->clip[which], s->clip_len[which]);
}

void audio_close(audio *s)
{
    if (s->dev) {
        SDL_CloseAudioDevice(s->dev);
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    for (int i = 0; i < SOUND_COUNT; i++)
        free(s->clip[i]);
    memset(s, 0, sizeof *s);
}

/* audio.h - short synthesised sounds (right, wrong, countdown tick) through
 * SDL's own audio: no sound files, no extra library.
 *
 * audio_open() never fails: where no audio device exists (or sound is off in
 * config) the game runs silent and audio_play() does nothing.
 */
#ifndef QUIZMILL_AUDIO_H
#define QUIZMILL_AUDIO_H

#include <SDL.h>
#include <stdbool.h>

typedef enum audio_sound { SOUND_RIGHT, SOUND_WRONG, SOUND_TICK, SOUND_COUNT } audio_sound;

typedef struct audio {
    SDL_AudioDeviceID dev; /* 0 when silent */
    int rate;
    float volume;          /* 0..1 */
    Sint16 *clip[SOUND_COUNT];
    Uint32 clip_len[SOUND_COUNT]; /* bytes */
} audio;

void audio_open(audio *s, bool enabled, int volume_percent);
void audio_play(audio *s, audio_sound which);
void audio_close(audio *s);

#endif

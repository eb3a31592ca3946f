/* floor.c - the floor every game figure of bench/run.sh is divided by: the
 * least an SDL2 program can do to show what the game's title shows. It opens
 * the same window (1280x720, resizable, high-DPI, centred) with the same
 * renderer and hint as the game's default path (software renderer,
 * SDL_FRAMEBUFFER_ACCELERATION=0), presents one frame of text rendered with
 * SDL_ttf, prints the same first-frame stamp as the game (first_frame.h),
 * then sleeps in SDL_WaitEvent until it is closed or sent SIGTERM/SIGINT.
 *
 *   quizmill-floor [FONT.ttf]   (default: DejaVu Sans in
 *                               /usr/share/fonts, the game's font)
 */
#include <SDL.h>
#include <SDL_ttf.h>
#include <stdbool.h>
#include <stdio.h>

#include "first_frame.h"

#ifndef FLOOR_FONT
#define FLOOR_FONT "assets/DejaVuSans.ttf"
#endif

int main(int argc, char **argv)
{
    const char *font_path = argc > 1 ? argv[1] : FLOOR_FONT;
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "cannot start SDL: %s\n", SDL_GetError());
        return 1;
    }
    if (TTF_Init() != 0) {
        fprintf(stderr, "cannot start SDL_ttf: %s\n", TTF_GetError());
        return 1;
    }
    TTF_Font *font = TTF_OpenFont(font_path, 48);
    if (!font) {
        fprintf(stderr, "cannot open font '%s': %s\n", font_path, TTF_GetError());
        return 1;
    }
    SDL_Window *win =
        SDL_CreateWindow("Quizmill floor", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280,
                         720, SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!win) {
        fprintf(stderr, "cannot open a window: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Renderer *ren = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    if (!ren) {
        fprintf(stderr, "cannot create a renderer: %s\n", SDL_GetError());
        return 1;
    }
    bool dirty = true;
    SDL_Event ev;
    for (;;) {
        if (dirty) {
            SDL_SetRenderDrawColor(ren, 0x14, 0x18, 0x1f, 255);
            SDL_RenderClear(ren);
            SDL_Surface *s =
                TTF_RenderUTF8_Blended(font, "Quizmill", (SDL_Color){242, 242, 242, 255});
            SDL_Texture *t = s ? SDL_CreateTextureFromSurface(ren, s) : NULL;
            if (t)
                SDL_RenderCopy(ren, t, NULL, &(SDL_Rect){100, 100, s->w, s->h});
            SDL_DestroyTexture(t);
            SDL_FreeSurface(s);
            SDL_RenderPresent(ren);
            first_frame_report();
            dirty = false;
        }
        if (!SDL_WaitEvent(&ev) || ev.type == SDL_QUIT)
            break;
        if (ev.type == SDL_WINDOWEVENT)
            dirty = true;
    }
    SDL_DestroyRenderer(ren);
    SDL_DestroyWindow(win);
    TTF_CloseFont(font);
    TTF_Quit();
    SDL_Quit();
    return 0;
}

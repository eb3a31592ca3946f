/* first_present.c - an LD_PRELOAD library that gives a program we cannot
 * change (the peer, tuxmath) the same first-frame stamp as the game and the
 * floor: it wraps the calls that put a frame on screen in SDL 1.2
 * (SDL_Flip, SDL_UpdateRect, SDL_UpdateRects) and SDL 2 (SDL_RenderPresent,
 * SDL_UpdateWindowSurface, SDL_GL_SwapWindow), calls first_frame_report()
 * after the first one and then the real function.
 *
 *   QUIZMILL_BENCH_FIRST_FRAME=$EPOCHREALTIME \
 *       LD_PRELOAD=libquizmill_first_present.so tuxmath
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>

#include "first_frame.h"

typedef struct SDL_Surface SDL_Surface;
typedef struct SDL_Rect SDL_Rect;
typedef struct SDL_Renderer SDL_Renderer;
typedef struct SDL_Window SDL_Window;

/* The next definition of name (the real SDL's), as a function pointer. */
#define REAL(fn, name)                                                                             \
    do {                                                                                           \
        void *sym = dlsym(RTLD_NEXT, name);                                                        \
        memcpy(&fn, &sym, sizeof fn);                                                              \
    } while (0)

int SDL_Flip(SDL_Surface *s);
int SDL_Flip(SDL_Surface *s)
{
    int (*fn)(SDL_Surface *);
    REAL(fn, "SDL_Flip");
    int rc = fn ? fn(s) : -1;
    first_frame_report();
    return rc;
}

void SDL_UpdateRect(SDL_Surface *s, int x, int y, unsigned w, unsigned h);
void SDL_UpdateRect(SDL_Surface *s, int x, int y, unsigned w, unsigned h)
{
    void (*fn)(SDL_Surface *, int, int, unsigned, unsigned);
    REAL(fn, "SDL_UpdateRect");
    if (fn)
        fn(s, x, y, w, h);
    first_frame_report();
}

void SDL_UpdateRects(SDL_Surface *s, int n, SDL_Rect *r);
void SDL_UpdateRects(SDL_Surface *s, int n, SDL_Rect *r)
{
    void (*fn)(SDL_Surface *, int, SDL_Rect *);
    REAL(fn, "SDL_UpdateRects");
    if (fn)
        fn(s, n, r);
    first_frame_report();
}

void SDL_RenderPresent(SDL_Renderer *r);
void SDL_RenderPresent(SDL_Renderer *r)
{
    void (*fn)(SDL_Renderer *);
    REAL(fn, "SDL_RenderPresent");
    if (fn)
        fn(r);
    first_frame_report();
}

int SDL_UpdateWindowSurface(SDL_Window *w);
int SDL_UpdateWindowSurface(SDL_Window *w)
{
    int (*fn)(SDL_Window *);
    REAL(fn, "SDL_UpdateWindowSurface");
    int rc = fn ? fn(w) : -1;
    first_frame_report();
    return rc;
}

void SDL_GL_SwapWindow(SDL_Window *w);
void SDL_GL_SwapWindow(SDL_Window *w)
{
    void (*fn)(SDL_Window *);
    REAL(fn, "SDL_GL_SwapWindow");
    if (fn)
        fn(w);
    first_frame_report();
}

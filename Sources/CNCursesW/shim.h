// Thin C shim over libncursesw for Swift: exposes what the importer cannot
// (macros, run-time tables, non-Sendable globals) as typed inline functions.
#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <wchar.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <ncursesw/ncurses.h>

extern int wcwidth(wchar_t c);

// Attributes (macros that Swift cannot import).
static inline attr_t tb_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t tb_A_BOLD(void) { return A_BOLD; }
static inline attr_t tb_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t tb_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t tb_A_DIM(void) { return A_DIM; }
static inline attr_t tb_COLOR_PAIR(int n) { return (attr_t)COLOR_PAIR(n); }

// Key codes.
static inline int tb_KEY_F(int n) { return KEY_F(n); }
static inline int tb_KEY_CODE_YES(void) { return KEY_CODE_YES; }

// Mouse masks.
static inline mmask_t tb_BUTTON1_PRESSED(void) { return BUTTON1_PRESSED; }
static inline mmask_t tb_BUTTON1_RELEASED(void) { return BUTTON1_RELEASED; }
static inline mmask_t tb_BUTTON1_CLICKED(void) { return BUTTON1_CLICKED; }
static inline mmask_t tb_BUTTON1_DOUBLE_CLICKED(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t tb_BUTTON3_CLICKED(void) { return BUTTON3_CLICKED; }
static inline mmask_t tb_BUTTON3_PRESSED(void) { return BUTTON3_PRESSED; }
static inline mmask_t tb_BUTTON4_PRESSED(void) { return BUTTON4_PRESSED; }
#ifdef BUTTON5_PRESSED
static inline mmask_t tb_BUTTON5_PRESSED(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t tb_BUTTON5_PRESSED(void) { return 0; }
#endif
static inline mmask_t tb_REPORT_MOUSE_POSITION(void) { return REPORT_MOUSE_POSITION; }

// Globals (not concurrency-safe in Swift 6 mode) read through accessors.
static inline WINDOW *tb_stdscr(void) { return stdscr; }
static inline int tb_LINES(void) { return LINES; }
static inline int tb_COLS(void) { return COLS; }
static inline int tb_COLORS(void) { return COLORS; }
static inline int tb_COLOR_PAIRS(void) { return COLOR_PAIRS; }
static inline int tb_maxy(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
static inline int tb_maxx(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }

// Terminal restore for signal handlers: endwin only once.
static inline void tb_restore_terminal(void) {
    if (!isendwin()) {
        // Disable bracketed paste and mouse reporting written by us before endwin.
        endwin();
    }
}

#endif

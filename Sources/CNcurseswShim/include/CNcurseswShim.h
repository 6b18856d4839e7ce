// What Swift cannot import from ncurses: attribute bit macros, KEY_F(n), wcwidth (hidden by Swift's
// Glibc module) and the global variables Swift 6 rejects as not concurrency-safe.
#ifndef MEDLAKE_CNCURSESW_SHIM_PUBLIC_H
#define MEDLAKE_CNCURSESW_SHIM_PUBLIC_H
#include "../../CNcursesw/shim.h"

/// The standard screen created by initscr/newterm.
WINDOW *medlake_stdscr(void);
/// The C standard streams (Swift 6 rejects the globals as not concurrency-safe).
FILE *medlake_stdin(void);
FILE *medlake_stdout(void);
/// Number of colours the terminal has (0 before start_color).
int medlake_colors(void);
/// The ESCDELAY variable in milliseconds.
int medlake_escdelay(void);

attr_t medlake_attr_bold(void);
attr_t medlake_attr_dim(void);
attr_t medlake_attr_italic(void);
attr_t medlake_attr_underline(void);
attr_t medlake_attr_reverse(void);
attr_t medlake_attr_blink(void);

/// The key code of function key n (KEY_F(n)).
int medlake_key_f(int n);
/// Reports clicks and the wheel (KEY_MOUSE) from now on.
void medlake_enable_mouse(void);
/// After KEY_MOUSE: 1 click, 2 wheel up, 3 wheel down, 0 anything else; the cell in column/row.
int medlake_read_mouse(int *column, int *row);
/// wcwidth of a code point under the current locale.
int medlake_wcwidth(unsigned int codepoint);
/// Whether the current locale's codeset is UTF-8.
int medlake_locale_is_utf8(void);

/// Installs handlers for SIGHUP and SIGWINCH that record the signal and write a byte to a pipe,
/// returning the pipe's read end (or -1). Signals may land on any thread of the Swift runtime,
/// where they would not interrupt the main thread's read; polling the pipe wakes it regardless.
/// The SIGWINCH handler also calls the one ncurses installed. Also unblocks the signals the terminal
/// relies on (SIGHUP, SIGINT, SIGTERM, SIGQUIT, SIGWINCH, SIGTSTP, SIGCONT) in the calling thread.
/// Call after newterm, on the thread that reads input.
int medlake_install_signal_pipe(void);
/// Empties the signal pipe.
void medlake_drain_signal_pipe(void);
/// Writes a byte to the signal pipe from any thread, so a wait on it returns: how background work
/// tells the input loop that its result is ready. Does nothing before the pipe is installed.
void medlake_wake_main_loop(void);
/// Whether SIGHUP arrived since the handlers were installed.
int medlake_hangup_received(void);
/// Whether SIGWINCH arrived since the last call (and clears it).
int medlake_take_resize(void);
/// The kernel's idea of the terminal size; 0 on success.
int medlake_window_size(int *rows, int *columns);

/// Installs handlers for fatal signals (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT) that
/// restore the terminal with endwin() and then hand the signal to the handler that was there
/// before (Swift's backtracer), so a crash report lands on a usable terminal.
void medlake_install_crash_restore(void);
#endif

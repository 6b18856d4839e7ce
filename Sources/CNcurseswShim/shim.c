// wcwidth is an X/Open function: glibc declares it only with _XOPEN_SOURCE.
#define _XOPEN_SOURCE 700
#include "CNcurseswShim.h"
#include <string.h>
#include <wchar.h>
#include <signal.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <pthread.h>

WINDOW *medlake_stdscr(void) { return stdscr; }
FILE *medlake_stdin(void) { return stdin; }
FILE *medlake_stdout(void) { return stdout; }
int medlake_colors(void) { return COLORS; }
int medlake_escdelay(void) { return ESCDELAY; }

attr_t medlake_attr_bold(void) { return WA_BOLD; }
attr_t medlake_attr_dim(void) { return WA_DIM; }
attr_t medlake_attr_italic(void) { return WA_ITALIC; }
attr_t medlake_attr_underline(void) { return WA_UNDERLINE; }
attr_t medlake_attr_reverse(void) { return WA_REVERSE; }
attr_t medlake_attr_blink(void) { return WA_BLINK; }

int medlake_key_f(int n) { return KEY_F(n); }

/* The BUTTON* masks are macros Swift cannot import. Clicks report at once (mouseinterval 0); the
   wheel is buttons 4 and 5. */
void medlake_enable_mouse(void) {
    mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
}

int medlake_read_mouse(int *column, int *row) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *column = event.x;
    *row = event.y;
    if (event.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 2;
#ifdef BUTTON5_PRESSED
    if (event.bstate & BUTTON5_PRESSED) return 3;
#endif
    return 0;
}
int medlake_wcwidth(unsigned int codepoint) { return wcwidth((wchar_t)codepoint); }

int medlake_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}

static volatile sig_atomic_t hangup_received = 0;
static volatile sig_atomic_t resize_received = 0;
static int signal_pipe[2] = {-1, -1};
static struct sigaction previous_winch;

static void wake_main_loop(void) {
    if (signal_pipe[1] >= 0) {
        int saved = errno;
        char byte = 1;
        ssize_t ignored = write(signal_pipe[1], &byte, 1);
        (void)ignored;
        errno = saved;
    }
}

static void on_hangup(int signal_number) {
    (void)signal_number;
    hangup_received = 1;
    wake_main_loop();
}

static void on_winch(int signal_number) {
    resize_received = 1;
    if (previous_winch.sa_handler != SIG_DFL && previous_winch.sa_handler != SIG_IGN
        && !(previous_winch.sa_flags & SA_SIGINFO) && previous_winch.sa_handler != NULL) {
        previous_winch.sa_handler(signal_number);
    }
    wake_main_loop();
}

int medlake_install_signal_pipe(void) {
    if (signal_pipe[0] < 0) {
        if (pipe(signal_pipe) != 0) return -1;
        for (int i = 0; i < 2; i++) {
            fcntl(signal_pipe[i], F_SETFL, fcntl(signal_pipe[i], F_GETFL) | O_NONBLOCK);
            fcntl(signal_pipe[i], F_SETFD, FD_CLOEXEC);
        }
    }
    // A parent may have started us with these blocked (seen under test runners); blocked, a hang-up
    // or Ctrl-C would never reach the terminal's handlers.
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGHUP);
    sigaddset(&wanted, SIGINT);
    sigaddset(&wanted, SIGTERM);
    sigaddset(&wanted, SIGQUIT);
    sigaddset(&wanted, SIGWINCH);
    sigaddset(&wanted, SIGTSTP);
    sigaddset(&wanted, SIGCONT);
    pthread_sigmask(SIG_UNBLOCK, &wanted, NULL);

    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = on_hangup;
    sigaction(SIGHUP, &action, NULL);
    action.sa_handler = on_winch;
    sigaction(SIGWINCH, &action, &previous_winch);
    return signal_pipe[0];
}

void medlake_wake_main_loop(void) {
    wake_main_loop();
}

void medlake_drain_signal_pipe(void) {
    char bytes[64];
    while (signal_pipe[0] >= 0 && read(signal_pipe[0], bytes, sizeof bytes) > 0) {
    }
}

int medlake_hangup_received(void) { return hangup_received; }

int medlake_take_resize(void) {
    int received = resize_received;
    resize_received = 0;
    return received;
}

int medlake_window_size(int *rows, int *columns) {
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 && ioctl(STDIN_FILENO, TIOCGWINSZ, &size) != 0) {
        return -1;
    }
    *rows = size.ws_row;
    *columns = size.ws_col;
    return 0;
}

static const int fatal_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT};
#define FATAL_SIGNAL_COUNT (sizeof fatal_signals / sizeof fatal_signals[0])
static struct sigaction previous_actions[FATAL_SIGNAL_COUNT];

static void on_fatal(int signal_number) {
    // Not async-signal-safe in the strict sense, as ncurses' own SIGINT cleanup; the process is
    // dying anyway and a terminal left in raw mode is worse.
    endwin();
    for (size_t i = 0; i < FATAL_SIGNAL_COUNT; i++) {
        if (fatal_signals[i] == signal_number) {
            sigaction(signal_number, &previous_actions[i], NULL);
        }
    }
    // Returning re-executes a faulting instruction (or abort() re-raises), which now reaches the
    // previous handler with the original context.
    if (signal_number == SIGABRT || signal_number == SIGTRAP) {
        raise(signal_number);
    }
}

void medlake_install_crash_restore(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_fatal;
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < FATAL_SIGNAL_COUNT; i++) {
        sigaction(fatal_signals[i], &action, &previous_actions[i]);
    }
}

// The wide-character ncurses API: cchar_t, get_wch, add_wch and setcchar are compiled out of
// <ncurses.h> unless these are defined before it is included.
#ifndef MEDLAKE_CNCURSESW_SHIM_H
#define MEDLAKE_CNCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <ncurses.h>
#endif

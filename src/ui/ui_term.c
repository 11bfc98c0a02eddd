/* ui_term.c - the terminal's lifecycle: TERM checked before curses, signals and Ctrl-Z giving the terminal back, a lost terminal noticed. */
#include "ui_term.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "i18n.h"

/* How a handled signal is treated. */
typedef enum ui_term_kind { UI_TERM_FATAL, UI_TERM_TSTP, UI_TERM_CONT } ui_term_kind;

/* Every signal whose default action ends the program (SIGKILL and SIGSTOP
 * cannot be caught), and the two of job control. */
static const struct {
    int sig;
    ui_term_kind kind;
} ui_term_sigs[] = {
    {SIGHUP, UI_TERM_FATAL},    {SIGINT, UI_TERM_FATAL},    {SIGQUIT, UI_TERM_FATAL},   {SIGILL, UI_TERM_FATAL},
    {SIGTRAP, UI_TERM_FATAL},   {SIGABRT, UI_TERM_FATAL},   {SIGBUS, UI_TERM_FATAL},    {SIGFPE, UI_TERM_FATAL},
    {SIGUSR1, UI_TERM_FATAL},   {SIGSEGV, UI_TERM_FATAL},   {SIGUSR2, UI_TERM_FATAL},   {SIGPIPE, UI_TERM_FATAL},
    {SIGALRM, UI_TERM_FATAL},   {SIGTERM, UI_TERM_FATAL},   {SIGXCPU, UI_TERM_FATAL},   {SIGXFSZ, UI_TERM_FATAL},
    {SIGVTALRM, UI_TERM_FATAL}, {SIGPROF, UI_TERM_FATAL},   {SIGSYS, UI_TERM_FATAL},    {SIGTSTP, UI_TERM_TSTP},
    {SIGCONT, UI_TERM_CONT},
};
#define UI_TERM_NSIGS (sizeof ui_term_sigs / sizeof ui_term_sigs[0])

/* getch failing although poll says there is input, this many times in a
 * row: the terminal is gone even where no hangup is reported. Ordinary input
 * does it once in a while (a timeout running out as a key arrives), never
 * many times running. */
#define UI_TERM_EOF_ROUNDS 64

static struct sigaction ui_term_old[UI_TERM_NSIGS];
static bool ui_term_installed[UI_TERM_NSIGS];
static struct sigaction ui_term_tstp_action; /* ours, put back after each stop */
static bool ui_term_tstp_ours;               /* SIGTSTP was not ignored, and is handled */
static sigset_t ui_term_set;                 /* every handled signal */
static sigset_t ui_term_mask_before;         /* the signal mask before ui_term_install */

/* The terminal modes of the shell (before curses) and of the viewer. */
static struct termios ui_term_shell_tio, ui_term_prog_tio;
static bool ui_term_have_shell_tio, ui_term_have_prog_tio;

/* What endwin would write (mouse off, last line, plain attributes, cursor
 * shown, normal screen, keypad off), and the way back; built before any
 * handler may use them, so the handlers only write(2) them. */
static char ui_term_leave_seq[512], ui_term_enter_seq[512];
static size_t ui_term_leave_len, ui_term_enter_len;

/* Set once the sequences and modes are known: before, a handler leaves the terminal alone. */
static volatile sig_atomic_t ui_term_active;
/* Set by a continue, cleared by ui_term_resumed. */
static volatile sig_atomic_t ui_term_cont;
static int ui_term_eof_streak;

/* ---- what the handlers write: async-signal-safe calls only ---- */

static void ui_term_write(const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(STDOUT_FILENO, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return; /* the terminal is gone: nothing more to restore */
        s += w;
        n -= (size_t)w;
    }
}

/* The shell's terminal: screen, keypad, mouse and modes as before the viewer. */
static void ui_term_leave(void)
{
    ui_term_write(ui_term_leave_seq, ui_term_leave_len);
    if (ui_term_have_shell_tio)
        tcsetattr(STDOUT_FILENO, TCSANOW, &ui_term_shell_tio);
}

/* The viewer's terminal again; the loop repaints the screen. */
static void ui_term_enter(void)
{
    if (ui_term_have_prog_tio)
        tcsetattr(STDOUT_FILENO, TCSANOW, &ui_term_prog_tio);
    ui_term_write(ui_term_enter_seq, ui_term_enter_len);
}

/* Back to the default action, for the re-raise that ends or stops us. */
static void ui_term_set_default(int sig)
{
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
}

/* A handler runs with its own signal blocked: the re-raise must get through. */
static void ui_term_unblock(int sig)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    sigprocmask(SIG_UNBLOCK, &s, NULL);
}

/* A fault the processor raised (not one sent by kill): returning runs the
 * faulting instruction again. */
static bool ui_term_is_fault(int sig, const siginfo_t *si)
{
    return (sig == SIGSEGV || sig == SIGBUS || sig == SIGFPE || sig == SIGILL) && si && si->si_code > 0;
}

/* Restores the terminal, then ends the program by the same signal, so the
 * parent sees it (status 128+n in the shell) and a core dump still happens.
 * A real fault is left to the disposition from before (the default's core
 * dump, or a sanitizer's report), at the faulting instruction itself. */
static void ui_term_on_fatal(int sig, siginfo_t *si, void *ctx)
{
    (void)ctx;
    if (ui_term_active)
        ui_term_leave();
    ui_term_active = 0;
    if (ui_term_is_fault(sig, si)) {
        for (size_t i = 0; i < UI_TERM_NSIGS; i++)
            if (ui_term_sigs[i].sig == sig)
                sigaction(sig, &ui_term_old[i], NULL);
        return; /* faults again, under that disposition */
    }
    ui_term_set_default(sig);
    ui_term_unblock(sig);
    raise(sig);
    _exit(128 + sig); /* not reached: every one of these signals ends the program by default */
}

/* Restores the terminal, stops as SIGTSTP would, and on continuing takes the
 * terminal back (or leaves that to the SIGCONT handler, which runs next). */
static void ui_term_on_tstp(int sig)
{
    int saved = errno;
    if (ui_term_active)
        ui_term_leave();
    ui_term_set_default(sig);
    ui_term_unblock(sig);
    raise(sig); /* stops here until fg; discarded in an orphaned process group */
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    sigprocmask(SIG_BLOCK, &s, NULL);
    sigaction(sig, &ui_term_tstp_action, NULL);
    sigset_t pending;
    if (sigpending(&pending) != 0 || !sigismember(&pending, SIGCONT)) {
        /* Not stopped after all: no SIGCONT will come. */
        if (ui_term_active)
            ui_term_enter();
        ui_term_cont = 1;
    }
    errno = saved;
}

/* Continued (fg, bg, kill -CONT, also after a SIGSTOP we never saw): the
 * shell may have changed the modes, and the screen is the shell's. */
static void ui_term_on_cont(int sig)
{
    int saved = errno;
    (void)sig;
    if (ui_term_active)
        ui_term_enter();
    ui_term_cont = 1;
    errno = saved;
}

/* ---- setup, outside the handlers ---- */

bool ui_term_check(err *e)
{
    const char *term = getenv("TERM");
    if (!term || !*term) {
        err_set(e, NULL, 0, 0, "%s",
                _("TERM is not set: the viewer cannot tell what the terminal can do (set TERM, or try --trace or "
                  "--check for text output)"));
        return false;
    }
    int status = 0;
    if (setupterm(term, STDOUT_FILENO, &status) != OK) {
        err_set(e, NULL, 0, 0,
                _("the terminal type '%s' is unknown here: terminfo has no entry for it (set TERM, or try --trace or "
                  "--check for text output)"),
                term);
        return false;
    }
    /* A curses screen needs cursor addressing; 'dumb' and printing terminals have none. */
    const char *cup = tigetstr("cup");
    bool ok = cup && cup != (char *)-1 && tigetflag("hc") <= 0 && tigetflag("gn") <= 0;
    del_curterm(cur_term);
    if (!ok) {
        err_set(e, NULL, 0, 0,
                _("the terminal '%s' cannot show the viewer: it cannot move the cursor (set TERM, or try --trace or "
                  "--check for text output)"),
                term);
        return false;
    }
    return true;
}

void ui_term_install(void)
{
    sigemptyset(&ui_term_set);
    for (size_t i = 0; i < UI_TERM_NSIGS; i++)
        sigaddset(&ui_term_set, ui_term_sigs[i].sig);
    sigprocmask(SIG_BLOCK, &ui_term_set, &ui_term_mask_before);
    ui_term_active = 0;
    ui_term_cont = 0;
    ui_term_eof_streak = 0;
    ui_term_tstp_ours = false;
    ui_term_have_shell_tio = tcgetattr(STDOUT_FILENO, &ui_term_shell_tio) == 0;
    ui_term_have_prog_tio = false;

    /* No SA_RESTART: a getch blocked in read returns at SIGCONT, and the loop repaints.
     * While one handler runs the others wait (SIGCONT's handler after SIGTSTP's). */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_mask = ui_term_set;
    for (size_t i = 0; i < UI_TERM_NSIGS; i++) {
        int sig = ui_term_sigs[i].sig;
        ui_term_installed[i] = false;
        if (sigaction(sig, NULL, &ui_term_old[i]) != 0)
            continue;
        /* An ignored signal stays ignored (nohup's SIGHUP; SIGTSTP under a shell without job control). */
        if (!(ui_term_old[i].sa_flags & SA_SIGINFO) && ui_term_old[i].sa_handler == SIG_IGN)
            continue;
        sa.sa_flags = 0;
        switch (ui_term_sigs[i].kind) {
        case UI_TERM_TSTP: sa.sa_handler = ui_term_on_tstp; break;
        case UI_TERM_CONT: sa.sa_handler = ui_term_on_cont; break;
        default:
            sa.sa_sigaction = ui_term_on_fatal;
            sa.sa_flags = SA_SIGINFO;
            break;
        }
        ui_term_installed[i] = sigaction(sig, &sa, NULL) == 0;
        if (ui_term_sigs[i].kind == UI_TERM_TSTP) {
            ui_term_tstp_action = sa;
            ui_term_tstp_ours = ui_term_installed[i];
        }
    }
}

/* tputs' output: into the sequence being built (padding included, harmlessly). */
static char *ui_term_build;
static size_t ui_term_build_len, ui_term_build_cap;

static int ui_term_build_putc(int c)
{
    if (ui_term_build_len < ui_term_build_cap)
        ui_term_build[ui_term_build_len++] = (char)c;
    return c;
}

static bool ui_term_valid(const char *cap) { return cap && cap != (char *)-1 && *cap; }

static void ui_term_add_cap(const char *name)
{
    const char *cap = tigetstr(name);
    if (ui_term_valid(cap))
        tputs(cap, 1, ui_term_build_putc);
}

static void ui_term_add_text(const char *s)
{
    while (*s)
        ui_term_build_putc((unsigned char)*s++);
}

/* The mouse mode curses switched on or off: its XM capability, else the
 * xterm protocol it uses when the terminal has kmous or is an xterm (SGR
 * encoding when kmous says so). */
static void ui_term_add_mouse(bool on)
{
    const char *xm = tigetstr("XM");
    if (ui_term_valid(xm)) {
        tputs(tiparm(xm, on ? 1 : 0), 1, ui_term_build_putc);
        return;
    }
    const char *kmous = tigetstr("kmous");
    const char *name = termname();
    if (ui_term_valid(kmous) && !strncmp(kmous, "\033[<", 3))
        ui_term_add_text(on ? "\033[?1006;1000h" : "\033[?1006;1000l");
    else if (ui_term_valid(kmous) || (name && strstr(name, "xterm")))
        ui_term_add_text(on ? "\033[?1000h" : "\033[?1000l");
}

static void ui_term_build_into(char *buf, size_t cap)
{
    ui_term_build = buf;
    ui_term_build_len = 0;
    ui_term_build_cap = cap;
}

void ui_term_ready(bool mouse)
{
    /* As endwin does it: the last line first, for a terminal without an alternate screen
     * (the size as it is now; a resize later moves that line, a detail on such terminals). */
    ui_term_build_into(ui_term_leave_seq, sizeof ui_term_leave_seq);
    if (mouse)
        ui_term_add_mouse(false);
    const char *cup = tigetstr("cup");
    if (ui_term_valid(cup))
        tputs(tiparm(cup, LINES - 1, 0), 1, ui_term_build_putc);
    ui_term_add_cap("sgr0");
    ui_term_add_cap("cnorm");
    ui_term_add_cap("rmcup");
    ui_term_add_text("\r");
    ui_term_add_cap("rmkx");
    ui_term_leave_len = ui_term_build_len;

    ui_term_build_into(ui_term_enter_seq, sizeof ui_term_enter_seq);
    ui_term_add_cap("smcup");
    ui_term_add_cap("smkx"); /* without it, an arrow key after fg arrives as ESC [ C */
    ui_term_add_cap("civis");
    if (mouse)
        ui_term_add_mouse(true);
    ui_term_enter_len = ui_term_build_len;
    ui_term_build = NULL;

    ui_term_have_prog_tio = tcgetattr(STDOUT_FILENO, &ui_term_prog_tio) == 0;
    ui_term_active = 1;
    sigprocmask(SIG_SETMASK, &ui_term_mask_before, NULL);
}

void ui_term_hold(void) { sigprocmask(SIG_BLOCK, &ui_term_set, NULL); }

void ui_term_uninstall(void)
{
    sigprocmask(SIG_BLOCK, &ui_term_set, NULL);
    ui_term_active = 0;
    for (size_t i = 0; i < UI_TERM_NSIGS; i++)
        if (ui_term_installed[i])
            sigaction(ui_term_sigs[i].sig, &ui_term_old[i], NULL);
    sigprocmask(SIG_SETMASK, &ui_term_mask_before, NULL);
}

void ui_term_suspend(void)
{
    if (ui_term_tstp_ours)
        kill(0, SIGTSTP); /* the whole job, as the terminal's ^Z does */
}

bool ui_term_resumed(void)
{
    if (!ui_term_cont)
        return false;
    ui_term_cont = 0;
    return true;
}

bool ui_term_lost(int ch)
{
    if (ch != ERR) {
        ui_term_eof_streak = 0;
        return false;
    }
    struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
    int r = poll(&p, 1, 0);
    if (r <= 0) {
        /* Nothing to read: the timeout ran out, or a signal came. */
        ui_term_eof_streak = 0;
        return false;
    }
    if (p.revents & (POLLHUP | POLLERR | POLLNVAL))
        return true;
    return ++ui_term_eof_streak >= UI_TERM_EOF_ROUNDS;
}

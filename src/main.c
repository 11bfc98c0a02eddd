/* main.c - the command line: options, the scenario, then a batch mode (cli.c) or the viewer (ui.c). */
#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "i18n.h"
#include "locate.h"
#include "out.h"
#include "scenario.h"
#include "scenario_default.h"
#include "ui.h"
#include "ui_keydoc.h"

/* The bounds of --iterations and --epochs: those of the scenario keys
 * [training] iterations and epochs (scenario.c, scen_training_key). */
#define MAIN_ITERATIONS_MAX 1000000L
#define MAIN_EPOCHS_MAX 10000000L

typedef enum main_mode { MODE_UI, MODE_TRACE, MODE_CHECK, MODE_TRAIN, MODE_HANDOUT } main_mode;

static void main_usage(out_stream *to)
{
    out_printf(to, "%s", _("Usage: bpviz [OPTION]... [FILE]\n"
                  "Make backpropagation visible: step through one SGD iteration of the\n"
                  "network in scenario FILE (default: document 000's worked example). FILE\n"
                  "may be a path or a scenario's name, e.g. doc003 (see --list).\n"
                  "\n"
                  "  (no option)         open the interactive viewer on FILE\n"
                  "      --trace         print every event of the first iteration(s)\n"
                  "      --iterations N  with --trace or --handout: N iterations (default: the\n"
                  "                      scenario's for --trace, 1 for --handout)\n"
                  "      --check         compare the document's printed numbers with computed ones\n"
                  "      --train         train and print CSV: epoch,loss[,train_acc[,val_acc]]\n"
                  "      --epochs N      with --train: train N epochs (default: the scenario's)\n"
                  "      --svg OUT.svg   with --train: also write the loss (and accuracy) chart\n"
                  "      --log           with --svg: loss on a logarithmic scale\n"
                  "      --handout       print a handout of the first iteration(s): every formula,\n"
                  "                      every number, and the check of the document's numbers\n"
                  "      --format F      with --handout: md (Markdown, default) or tex (LaTeX)\n"
                  "      --export torch  write a PyTorch script that computes what --trace prints\n"
                  "                      (with --train: what --train prints) to standard output\n"
                  "      --digits N      significant digits in --trace and --handout formulas\n"
                  "                      (default 6; the viewer does not use it); above 10, also\n"
                  "                      of --trace's value column\n"
                  "      --ascii         ASCII formulas even in a UTF-8 locale\n"
                  "      --mono          no colours in the viewer (also when NO_COLOR is set)\n"
                  "      --list          list the scenarios bpviz finds by name, with their titles\n"
                  "  -h, --help          show this help and exit\n"
                  "  -V, --version       show the version and exit\n"
                  "\n"
                  "Exit status: 0 if fine; 1 if --check found a DIFF, training diverged or\n"
                  "--trace met a value that is not finite; 2 if a file is missing or malformed,\n"
                  "the options are wrong, or output could not be written.\n"));
}

/* A UTF-8 locale that is not installed (zh_CN.UTF-8 on a fresh Debian has
 * only C.UTF-8): keep UTF-8 through C.UTF-8 and the language through
 * LANGUAGE, so that the class still gets Chinese and Unicode formulas. */
static void main_fallback_locale(void)
{
    const char *want = getenv("LC_ALL");
    if (!want || !*want)
        want = getenv("LC_MESSAGES");
    if (!want || !*want)
        want = getenv("LANG");
    if (!want || !(strstr(want, ".UTF-8") || strstr(want, ".utf8")) || !setlocale(LC_CTYPE, "C.UTF-8"))
        return;
    setlocale(LC_MESSAGES, "C.UTF-8"); /* in "C" itself gettext ignores LANGUAGE */
    const char *lang = getenv("LANGUAGE");
    if (!lang || !*lang) {
        char buf[64];
        snprintf(buf, sizeof buf, "%.*s", (int)strcspn(want, ".@"), want);
        setenv("LANGUAGE", buf, 1);
    }
}

/* Translations: $BPVIZ_LOCALEDIR, else build/locale beside an in-tree
 * binary, else the installed ones. */
static void main_bind_locale(void)
{
    const char *dir = getenv("BPVIZ_LOCALEDIR");
    char tree[LOCATE_PATH_MAX];
    if (!dir || !*dir)
        dir = locate_beside_binary("build/locale", tree, sizeof tree) ? tree : BPVIZ_LOCALEDIR;
    bindtextdomain(I18N_DOMAIN, dir);
    bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
}

static bool main_utf8(bool force_ascii)
{
    if (force_ascii)
        return false;
    const char *cs = nl_langinfo(CODESET);
    return cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
}

static long main_count(const char *arg, const char *opt, long lo, long hi)
{
    char *end;
    long v = strtol(arg, &end, 10);
    if (end == arg || *end || v < lo || v > hi) {
        fprintf(stderr, _("bpviz: %s takes a whole number from %ld to %ld, not '%s'\n"), opt, lo, hi, arg);
        exit(CLI_EXIT_BAD);
    }
    return v;
}

/* The long option whose val is that, or NULL. */
static const struct option *main_option_of(const struct option *opts, int val)
{
    for (const struct option *o = opts; o->name; o++)
        if (o->val == val)
            return o;
    return NULL;
}

/* getopt_long returned '?' or ':' (opterr is 0, so it printed nothing): one line in bpviz's own words. */
static void main_bad_option(int c, char **argv, const struct option *opts)
{
    const struct option *o = optopt ? main_option_of(opts, optopt) : NULL;
    char name[64];
    if (o)
        snprintf(name, sizeof name, "--%s", o->name);
    else
        snprintf(name, sizeof name, "-%c", optopt);
    if (c == ':') {
        fprintf(stderr, _("bpviz: %s needs a value\n"), name);
        return;
    }
    if (o) { /* --trace=1 */
        fprintf(stderr, _("bpviz: %s takes no value\n"), name);
        return;
    }
    if (!optopt) {
        /* A long option that is unknown, or the start of several: getopt_long has moved past it. */
        const char *arg = argv[optind - 1];
        const char *start = arg + strspn(arg, "-");
        size_t len = strcspn(start, "=");
        snprintf(name, sizeof name, "%.*s", len ? (int)((size_t)(start - arg) + len) : (int)strlen(arg), arg);
        char could[256] = "";
        int matches = 0;
        for (const struct option *p = opts; p->name; p++) {
            if (strncmp(p->name, start, len))
                continue;
            size_t used = strlen(could);
            snprintf(could + used, sizeof could - used, "%s--%s", matches ? " " : "", p->name);
            matches++;
        }
        if (matches > 1 && len > 0) {
            fprintf(stderr, _("bpviz: ambiguous option '%s' (could be: %s)\n"), name, could);
            return;
        }
    }
    fprintf(stderr, _("bpviz: unknown option '%s'; try 'bpviz --help' for more information\n"), name);
}

/* What the options ask for. */
typedef struct main_opts {
    main_mode mode;         /* the viewer or a batch mode */
    long iterations;        /* --iterations, 0 when not given */
    long epochs;            /* --epochs, -1 when not given */
    int digits;             /* --digits */
    const char *svg_path;   /* --svg, NULL when not given (points into argv) */
    bool log_scale;         /* --log */
    handout_format hformat; /* --format */
    bool format_given;      /* --format was given */
    bool to_torch;          /* --export torch */
    ui_options uo;          /* --ascii, --mono */
} main_opts;

/* The long options. */
enum { OPT_TRACE = 256, OPT_CHECK, OPT_TRAIN, OPT_ITER, OPT_EPOCHS, OPT_DIGITS, OPT_ASCII, OPT_MONO, OPT_SVG, OPT_LOG,
       OPT_HANDOUT, OPT_FORMAT, OPT_LIST, OPT_EXPORT, OPT_KEYS };
static const struct option main_long_opts[] = {
    {"trace", no_argument, NULL, OPT_TRACE},
    {"check", no_argument, NULL, OPT_CHECK},
    {"train", no_argument, NULL, OPT_TRAIN},
    {"iterations", required_argument, NULL, OPT_ITER},
    {"epochs", required_argument, NULL, OPT_EPOCHS},
    {"digits", required_argument, NULL, OPT_DIGITS},
    {"ascii", no_argument, NULL, OPT_ASCII},
    {"mono", no_argument, NULL, OPT_MONO},
    {"svg", required_argument, NULL, OPT_SVG},
    {"handout", no_argument, NULL, OPT_HANDOUT},
    {"list", no_argument, NULL, OPT_LIST},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"log", no_argument, NULL, OPT_LOG},
    {"export", required_argument, NULL, OPT_EXPORT},
    {"keys", required_argument, NULL, OPT_KEYS},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

/* One option c with its optarg into o; -1 to go on, else the exit status
 * (options that finish at once: --list, --help, --version, or an error). */
static int main_option(int c, char **argv, main_opts *o, out_stream *so)
{
    switch (c) {
    case OPT_TRACE: o->mode = MODE_TRACE; break;
    case OPT_CHECK: o->mode = MODE_CHECK; break;
    case OPT_TRAIN: o->mode = MODE_TRAIN; break;
    case OPT_ITER: o->iterations = main_count(optarg, "--iterations", 1, MAIN_ITERATIONS_MAX); break;
    case OPT_EPOCHS: o->epochs = main_count(optarg, "--epochs", 0, MAIN_EPOCHS_MAX); break;
    case OPT_DIGITS: o->digits = (int)main_count(optarg, "--digits", 1, 17); break;
    case OPT_ASCII: o->uo.ascii = true; break;
    case OPT_MONO: o->uo.mono = true; break;
    case OPT_SVG: o->svg_path = optarg; break;
    case OPT_LOG: o->log_scale = true; break;
    case OPT_HANDOUT: o->mode = MODE_HANDOUT; break;
    case OPT_LIST: return cli_finish(so, cli_list(so));
    case OPT_FORMAT:
        o->format_given = true;
        if (!strcmp(optarg, "md"))
            o->hformat = HANDOUT_MD;
        else if (!strcmp(optarg, "tex"))
            o->hformat = HANDOUT_TEX;
        else {
            fprintf(stderr, _("bpviz: --format takes md or tex, not '%s'\n"), optarg);
            return CLI_EXIT_BAD;
        }
        break;
    case OPT_EXPORT:
        if (strcmp(optarg, "torch")) {
            fprintf(stderr, _("bpviz: --export takes torch, not '%s'\n"), optarg);
            return CLI_EXIT_BAD;
        }
        o->to_torch = true;
        break;
    case OPT_KEYS: { /* the viewer's keys for README.md and man/bpviz.1 (make docs) */
        ui_keydoc_format kf;
        if (!ui_keydoc_format_of(optarg, &kf)) {
            fprintf(stderr, _("bpviz: --keys takes md or man, not '%s'\n"), optarg);
            return CLI_EXIT_BAD;
        }
        ui_keydoc_write(so, kf);
        return cli_finish(so, CLI_EXIT_OK);
    }
    case 'h': main_usage(so); return cli_finish(so, CLI_EXIT_OK);
    case 'V': out_printf(so, "bpviz %s\n", BPVIZ_VERSION); return cli_finish(so, CLI_EXIT_OK);
    default: /* '?' or ':' */
        main_bad_option(c, argv, main_long_opts);
        return CLI_EXIT_BAD;
    }
    return -1;
}

/* Options that go only with others; false (and a message) when o breaks that. */
static bool main_options_agree(const main_opts *o)
{
    if (o->to_torch && (o->mode == MODE_TRACE || o->mode == MODE_CHECK || o->mode == MODE_HANDOUT || o->svg_path))
        fprintf(stderr, _("bpviz: --export goes alone or with --train (not with --trace, --check, --handout or --svg)\n"));
    else if (o->svg_path && o->mode != MODE_TRAIN)
        fprintf(stderr, _("bpviz: --svg goes with --train\n"));
    else if (o->log_scale && !o->svg_path)
        fprintf(stderr, _("bpviz: --log goes with --svg\n"));
    else if (o->format_given && o->mode != MODE_HANDOUT)
        fprintf(stderr, _("bpviz: --format goes with --handout\n"));
    else
        return true;
    return false;
}

/* The scenario named by arg (a path or a name; NULL: the built-in one); NULL after a message. */
static scenario *main_scenario(const char *arg)
{
    err e;
    err_clear(&e);
    scenario *sc;
    if (arg) {
        char path[LOCATE_PATH_MAX];
        if (!locate_scenario(arg, path, sizeof path) && !strchr(arg, '/')) {
            fprintf(stderr, _("bpviz: %s: no such file, nor a scenario of that name (see bpviz --list)\n"), arg);
            return NULL;
        }
        sc = scenario_load(path, &e);
    } else
        sc = scenario_parse(_("(built-in doc000.bp)"), scenario_default_text, scenario_default_len, &e);
    if (!sc)
        fprintf(stderr, "bpviz: %s\n", e.msg);
    return sc;
}

/* Runs the mode o asks for on sc; the exit status. */
static int main_run(const main_opts *o, const scenario *sc, out_stream *so)
{
    /* What the data loader accepted but noticed; the viewer shows it itself. */
    for (int i = 0; o->mode != MODE_UI && i < sc->data.nwarnings; i++)
        fprintf(stderr, "bpviz: %s\n", sc->data.warnings[i].msg);
    bool utf8 = main_utf8(o->uo.ascii);
    long iterations = o->iterations;
    if (o->to_torch)
        return cli_finish(so, cli_export(so, sc, o->mode == MODE_TRAIN, iterations, o->epochs, o->digits, utf8));
    switch (o->mode) {
    case MODE_TRACE: return cli_finish(so, cli_trace(so, sc, iterations ? iterations : sc->iterations, o->digits, utf8));
    case MODE_CHECK: return cli_finish(so, cli_check(so, sc, utf8));
    case MODE_HANDOUT: return cli_finish(so, cli_handout(so, sc, o->hformat, iterations ? iterations : 1, o->digits));
    case MODE_TRAIN:
        return cli_finish(so, cli_train(so, sc, o->epochs >= 0 ? o->epochs : sc->epochs, o->svg_path, o->log_scale));
    default: {
        err e;
        int status = ui_run(sc, &o->uo, &e);
        if (status != CLI_EXIT_OK)
            fprintf(stderr, "bpviz: %s\n", e.msg);
        return status; /* the terminal's output is ncurses' */
    }
    }
}

int main(int argc, char **argv)
{
    if (!setlocale(LC_ALL, ""))
        main_fallback_locale();
    /* Numbers in files and output are always written with a decimal point. */
    setlocale(LC_NUMERIC, "C");
    main_bind_locale();
    textdomain(I18N_DOMAIN);

    main_opts o = {.mode = MODE_UI, .epochs = -1, .digits = 6, .hformat = HANDOUT_MD};
    out_stream so; /* standard output, checked */
    out_init(&so, stdout, NULL);
    int c;
    opterr = 0; /* main_bad_option says it in bpviz's words */
    while ((c = getopt_long(argc, argv, ":hV", main_long_opts, NULL)) != -1) {
        int done = main_option(c, argv, &o, &so);
        if (done >= 0)
            return done;
    }
    if (!main_options_agree(&o))
        return CLI_EXIT_BAD;
    if (argc - optind > 1) {
        fprintf(stderr, _("bpviz: one scenario file at a time (got %d)\n"), argc - optind);
        return CLI_EXIT_BAD;
    }
    scenario *sc = main_scenario(optind < argc ? argv[optind] : NULL);
    if (!sc)
        return CLI_EXIT_BAD;
    int status = main_run(&o, sc, &so);
    scenario_free(sc);
    return status;
}

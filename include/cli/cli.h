/* cli.h - the batch modes of the command line: each prints its output to a checked standard output. */
#ifndef BPVIZ_CLI_H
#define BPVIZ_CLI_H

#include <stdbool.h>

#include "handout.h"
#include "out.h"
#include "scenario.h"

/* Exit statuses, like diff(1): 0 fine, 1 differences or training stopped, 2 trouble. */
enum { CLI_EXIT_OK = 0, CLI_EXIT_DIFF = 1, CLI_EXIT_BAD = 2 };

/* The batch modes. Each writes its output to so (standard output, checked:
 * a failed write stops the mode early and is cli_finish's to report) and its
 * messages to stderr, and returns an exit status. sc is borrowed. */

/* --list: every scenario found by name, with its title. */
int cli_list(out_stream *so);
/* --trace: every event of the first `iterations` iterations, one line each
 * (digits: significant digits of the formulas; above 10 also of the value
 * column); stops with status 1 at the first value that is not finite. */
int cli_trace(out_stream *so, const scenario *sc, long iterations, int digits, bool utf8);
/* --check: the document's printed numbers against the computed ones. */
int cli_check(out_stream *so, const scenario *sc, bool utf8);
/* --train: the CSV of `epochs` epochs; with svg_path (NULL: none) also the
 * chart, written to a temporary file renamed over svg_path when complete. */
int cli_train(out_stream *so, const scenario *sc, long epochs, const char *svg_path, bool log_scale);
/* --handout: the first `iterations` iterations for print. */
int cli_handout(out_stream *so, const scenario *sc, handout_format fmt, long iterations, int digits);
/* --export torch: the PyTorch script of --trace (train false) or --train. */
int cli_export(out_stream *so, const scenario *sc, bool train, long iterations, long epochs, int digits, bool utf8);
/* Flushes and closes standard output: a write that failed, now or earlier,
 * is one message and status 2, whatever the mode returned as status. */
int cli_finish(out_stream *so, int status);

#endif

/* locate.h - finds scenarios by name: in the tree beside the binary, the working directory, the install. */
#ifndef BPVIZ_LOCATE_H
#define BPVIZ_LOCATE_H

#include <stdbool.h>
#include <stddef.h>

/* Longest path handled. */
#define LOCATE_PATH_MAX 4096

/* The directories searched for NAME.bp, in order: $BPVIZ_SCENARIOS,
 * ./scenarios, the scenarios/ folder beside the running binary (an in-tree
 * build), and the installed BPVIZ_DATADIR/scenarios. Fills dirs (up to max
 * entries of LOCATE_PATH_MAX bytes each) with those that exist; returns how
 * many. */
int locate_dirs(char (*dirs)[LOCATE_PATH_MAX], int max);

/* The folder `sub` beside the running binary (e.g. "scenarios" or
 * "build/locale" for an in-tree build) into out; true when that folder exists. */
bool locate_beside_binary(const char *sub, char *out, size_t outsz);

/* Writes dir + "/" + name + suffix into out; false when it does not fit. */
bool locate_join(const char *dir, const char *name, const char *suffix, char *out, size_t outsz);

/* Resolves arg: an existing file is returned as is; a bare name ("doc003" or
 * "doc003.bp", no '/') is looked up in locate_dirs(). Writes the path to out
 * and returns true when found; also (out = arg) when the bare name is found
 * in no folder but names something here that is no regular file (a
 * directory, a FIFO, a symbolic link loop), so that loading it says what. */
bool locate_scenario(const char *arg, char *out, size_t outsz);

#endif

/* scenario_default.h - the built-in scenario (document 000's example) opened by a bare `bpviz`. */
#ifndef BPVIZ_SCENARIO_DEFAULT_H
#define BPVIZ_SCENARIO_DEFAULT_H

/* The text of scenarios/doc000.bp, generated at build time; static storage. */
extern const char *const scenario_default_text;
/* Its length in bytes. */
extern const long scenario_default_len;

#endif

/* i18n.h - the gettext wrappers every user-visible string goes through. */
#ifndef BPVIZ_I18N_H
#define BPVIZ_I18N_H

#include <libintl.h>

/* Marks a string for translation and translates it at run time. */
#define _(s) gettext(s)
/* Marks a string for translation where it must stay a constant (tables). */
#define N_(s) (s)

/* gettext text domain of bpviz. */
#define I18N_DOMAIN "bpviz"

#endif

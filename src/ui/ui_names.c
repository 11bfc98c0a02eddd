/* ui_names.c - rendered symbol names of the scenario's quantities and the widest of them, for the views' layouts. */
#include "ui_names.h"

#include "ui_text.h"

/* Indices sampled when measuring a long layer: names only grow with the index's digits. */
static bool ui_names_sampled(int j, int n) { return n <= 40 || j < 10 || j >= n - 2 || j == 99 || j == 999; }

void ui_names_symbol(const ui_state *u, nt_sym sym, int l, int j, int k, char *out, size_t outsz)
{
    const scenario *sc = session_scenario(u->s);
    const stepper *st = session_stepper(u->s);
    char m[NOTATION_MAX];
    notation_symbol(&sc->nt, &sc->spec, sym, l, j, k, stepper_iteration(st), stepper_sample(st), NULL, m, sizeof m);
    ui_text_render(m, out, outsz);
}

void ui_names_param(const ui_state *u, int i, char *out, size_t outsz)
{
    const scenario *sc = session_scenario(u->s);
    char m[NOTATION_MAX];
    notation_param(&sc->nt, &sc->spec, i, stepper_iteration(session_stepper(u->s)), m, sizeof m);
    ui_text_render(m, out, outsz);
}

void ui_names_unit(const ui_state *u, int l, int j, char *out, size_t outsz)
{
    ui_names_symbol(u, l == 0 ? NT_X : NT_A, l, j, 0, out, outsz);
}

int ui_names_width(const ui_state *u, nt_sym sym, int l)
{
    const int n = session_scenario(u->s)->spec.size[l];
    int best = 0;
    char buf[NOTATION_MAX];
    for (int j = 0; j < n; j++) {
        if (!ui_names_sampled(j, n))
            continue;
        ui_names_symbol(u, sym, l, j, 0, buf, sizeof buf);
        int w = ui_text_width(buf);
        best = w > best ? w : best;
    }
    return best;
}

int ui_names_param_width(const ui_state *u, int l)
{
    const net *n = stepper_view(session_stepper(u->s))->net;
    const int nin = n->spec.size[l - 1], nout = n->spec.size[l];
    int best = 0;
    char buf[NOTATION_MAX];
    for (int j = 0; j < nout; j++) {
        if (!ui_names_sampled(j, nout))
            continue;
        for (int k = 0; k < nin; k++) {
            if (!ui_names_sampled(k, nin))
                continue;
            ui_names_param(u, net_windex(n, l, j, k), buf, sizeof buf);
            int w = ui_text_width(buf);
            best = w > best ? w : best;
        }
    }
    for (int j = 0; j < n->nbias[l]; j++) {
        if (!ui_names_sampled(j, n->nbias[l]))
            continue;
        ui_names_param(u, net_bindex(n, l, j), buf, sizeof buf);
        int w = ui_text_width(buf);
        best = w > best ? w : best;
    }
    return best;
}

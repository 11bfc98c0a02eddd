/* ui_train.c - flat-out training with stepper_run, a batch per getch timeout, stopped by t or any error. */
#include "ui_train.h"

#include "i18n.h"

/* Iterations per batch and milliseconds between batches. The top speed stays
 * modest: the stepper keeps a checkpoint per epoch for exact rewind. */
static const struct {
    long batch;
    int ms;
} ui_train_speeds[UI_SPEEDS] = {
    {1, 500}, {1, 200}, {1, 60}, {5, 30}, {20, 30}, {100, 30}, {500, 30},
};

void ui_train_toggle(ui_state *u)
{
    if (u->training) {
        ui_train_stop(u);
        return;
    }
    u->training = true;
    u->train_from = stepper_iteration(u->st);
    ui_state_msg(u, false, "%s", "");
}

void ui_train_stop(ui_state *u)
{
    if (!u->training)
        return;
    u->training = false;
    ui_state_msg(u, false, _("training stopped after iteration %ld; step on from here or press r to reset"),
                 stepper_iteration(u->st) + 1);
    ui_state_refresh(u);
}

void ui_train_tick(ui_state *u)
{
    if (!u->training)
        return;
    err e;
    err_clear(&e);
    if (!stepper_run(u->st, ui_train_speeds[u->speed].batch, &e)) {
        u->training = false;
        ui_state_msg(u, true, "%s", e.msg[0] ? e.msg : _("training stopped: the engine refused to go on"));
    }
    ui_state_refresh(u);
}

int ui_train_timeout(const ui_state *u) { return u->training ? ui_train_speeds[u->speed].ms : -1; }

void ui_train_speed(ui_state *u, int delta)
{
    int s = u->speed + delta;
    u->speed = s < 0 ? 0 : s >= UI_SPEEDS ? UI_SPEEDS - 1 : s;
}

long ui_train_rate(const ui_state *u)
{
    return ui_train_speeds[u->speed].batch * 1000 / ui_train_speeds[u->speed].ms;
}

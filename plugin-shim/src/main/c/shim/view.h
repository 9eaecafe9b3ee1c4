/*
 * The editor view (view.c): what the controller needs from it. Main thread.
 */
#ifndef SDA_VIEW_H
#define SDA_VIEW_H

#include "plugin.h"

/* IEditController::createView: a new view over the Java editor panel, or NULL (no Java). */
void **sda_view_create(struct sda_plugin *p, const char *name);
/* The host set parameter `id` (automation, a generic slider): open editors of `p` show it. */
void sda_views_param_changed(struct sda_plugin *p, v3_param_id id, double normalized);
/* The instance is about to lose its Java side: its open editors close (their views stay valid). */
void sda_views_instance_ending(struct sda_plugin *p);

#endif

/*
 * The parameter table as the shim sees it. The rows come from a header generated at build time
 * from org.sda.engine.instrument.InstrumentParameter (see ParameterTableGenerator), so the host
 * can list parameters without a JVM.
 */
#ifndef SDA_PARAMS_H
#define SDA_PARAMS_H

#include <stdint.h>

struct sda_param_def {
    uint32_t id;
    const char *title;                    /* UTF-8 */
    const char *short_title;
    const char *units;
    double min;
    double max;
    double default_plain;
    double default_normalized;
    int32_t step_count;                   /* VST3 convention: 0 continuous, n -> n + 1 values */
};

#include "sda_params_generated.h"         /* SDA_PARAM_COUNT, sda_param_table[], SDA_PARAM_ID_* */

/* The row for `id`, or NULL. */
const struct sda_param_def *sda_param_by_id(uint32_t id);
/* Index of `id` in the table, or -1. */
int sda_param_index(uint32_t id);
double sda_param_to_plain(const struct sda_param_def *p, double normalized);
double sda_param_to_normalized(const struct sda_param_def *p, double plain);

#endif

/*
 * json: JSON as Python's json.dumps writes it, for the loaders (and the
 * tests) that read such text.  The study model and its readers never see
 * JSON: loaders turn what they need into typed values.  This header is
 * the one place that includes cJSON for them, and for the writers of
 * study.json and info --json, whose numbers hp_json_exact writes.
 */
#ifndef HPREPORT_JSON_H
#define HPREPORT_JSON_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "hpreport/util.h"

/*
 * Parses JSON text.  Bare NaN, Infinity and -Infinity outside strings are
 * accepted: the infinities parse as cJSON numbers of value +-inf, NaN as a
 * number whose valuedouble is NaN.  A number literal too large for a
 * double (1e400) is an error.  On failure returns NULL and, when err is
 * not NULL, a message naming `where` (a file name, or "file:line") and the
 * column.  The caller frees the result with cJSON_Delete.
 */
cJSON *hp_json_parse(const char *text, size_t len, const char *where,
    struct hp_err *err);

/*
 * A JSON number as the CSVs write it: the shortest text that reads back
 * as the same double (cJSON's own printing uses %1.15g, which puts
 * 0.8829240257151041 out as 0.882924025715104).  JSON has no inf/nan:
 * they become the strings "inf", "-inf", "nan".  A new item; the caller
 * adds it to a tree or frees it with cJSON_Delete.
 */
cJSON *hp_json_exact(double v);

/* Number value of a cJSON item (numbers only); returns 0, or -1 if not a number. */
int hp_json_number(const cJSON *item, double *out);

#endif

/*
 * info: `hpreport info --json`, what `hpreport info` prints as one JSON
 * document for scripts:
 *
 *     [ { "path": ..., "format": ..., "studies": [ STUDY, ... ] }, ... ]
 *
 * one element per history (an input, or each history a directory search
 * found), each study with its name, trial count and trials by state,
 * objectives (name, direction, best value and trial), params (type,
 * range or choices, log, step, inferred, how many trials have it) and the
 * notes loading made.  Numbers are in the shortest form that reads back
 * as the same double (hp_fmt_double); a value JSON has no number for
 * (inf, nan) is a string; text is valid UTF-8 (invalid bytes become
 * U+FFFD).
 */
#ifndef HPREPORT_INFO_H
#define HPREPORT_INFO_H

#include <cjson/cJSON.h>

#include "hpreport/study.h"

/* Appends study st, read from `path` as `format`, to the document `doc`
 * (a cJSON array the caller made): to its last element when that has the
 * same path and format, else to a new one. */
void info_json_add(cJSON *doc, const char *path, const char *format,
    const struct hp_study *st);

#endif

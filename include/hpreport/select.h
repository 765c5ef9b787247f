/*
 * select: the trials a selection keeps (--trials, --states, --best; struct
 * hp_selection and its semantics in study.h), as a study of their own, made
 * once after loading so that no figure, page or data file has to know.
 * Implemented in src/analysis/select.c: --best ranks by Pareto fronts and
 * feasibility (pareto.h).
 */
#ifndef HPREPORT_SELECT_H
#define HPREPORT_SELECT_H

#include "hpreport/study.h"

/*
 * A new finished study holding only the trials of st that sel keeps
 * (hp_study_subset), with the selection recorded in it.  Keeping no trial
 * is not an error.  Returns the study (free with hp_study_free), or NULL
 * with err when sel->objective is not an objective of st.
 */
struct hp_study *hp_study_select(const struct hp_study *st,
    const struct hp_selection *sel, struct hp_err *err);

#endif

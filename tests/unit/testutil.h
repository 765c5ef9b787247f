/*
 * testutil: what every cmocka unit test includes -- cmocka itself with the
 * headers it needs, and paths to the test data: tests/data/ (the project's
 * own) and the data only ../shared holds (HP_SHARED from tests/run.sh).
 */
#ifndef HP_TESTUTIL_H
#define HP_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <unistd.h>
#include <cmocka.h>

/*
 * Path of a file under $HP_SHARED/fixtures/ (Optuna's legacy schema
 * databases, the real MLflow store; static buffer, one at a time).  When
 * it is not there the test is skipped (tests/run.sh says why, once), so
 * call it before the test allocates anything.
 */
static inline const char *
shared_fixture(const char *rel)
{
	static char buf[4096];
	const char *sh = getenv("HP_SHARED");

	snprintf(buf, sizeof(buf), "%s/fixtures/%s", sh ? sh : "../shared", rel);
	if (access(buf, R_OK) != 0)
		skip();
	return buf;
}

/* Path of a file under tests/data/ (run from the project root). */
static inline const char *
testdata(const char *rel)
{
	static char buf[4096];

	snprintf(buf, sizeof(buf), "tests/data/%s", rel);
	return buf;
}

#define assert_near(a, b, tol) do {					\
	double a_ = (a), b_ = (b);					\
	if (!(fabs(a_ - b_) <= (tol))) {				\
		print_error("%s = %.17g, expected %.17g (tol %g)\n", #a, a_, b_, (double)(tol)); \
		fail();							\
	}								\
} while (0)

#endif

/*
 * testutil: what every cmocka unit test includes -- cmocka itself with the
 * headers it needs, and paths to the fixtures (HP_SHARED from tests/run.sh,
 * defaulting to ../shared beside the project root).
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
#include <cmocka.h>

/* Path of a file under ../shared/fixtures/ (static buffer, one at a time). */
static inline const char *
fixture(const char *rel)
{
	static char buf[4096];
	const char *sh = getenv("HP_SHARED");

	snprintf(buf, sizeof(buf), "%s/fixtures/%s", sh ? sh : "../shared", rel);
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

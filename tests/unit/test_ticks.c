/*
 * test_ticks: tick positions and labels of linear, integer, log and
 * categorical axes (src/figure/ticks.c).
 */
#include "testutil.h"

#include "hpreport/figure.h"

/* Major labels joined by spaces, for comparing a whole axis at once. */
static const char *
majors(const struct fig_axis *a, int max_major)
{
	static char buf[2048];
	struct fig_ticks t;
	size_t o = 0;

	fig_axis_ticks(a, max_major, &t);
	buf[0] = '\0';
	for (size_t i = 0; i < t.n; i++) {
		if (!t.v[i].major)
			continue;
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s",
		    o ? " " : "", t.v[i].label);
	}
	free(t.v);
	return buf;
}

static size_t
count_minor(const struct fig_axis *a, int max_major)
{
	struct fig_ticks t;
	size_t n = 0;

	fig_axis_ticks(a, max_major, &t);
	for (size_t i = 0; i < t.n; i++)
		n += !t.v[i].major;
	free(t.v);
	return n;
}

static size_t
count_labels(const struct fig_axis *a, int max_major)
{
	struct fig_ticks t;
	size_t n = 0;

	fig_axis_ticks(a, max_major, &t);
	for (size_t i = 0; i < t.n; i++)
		n += t.v[i].major && t.v[i].label[0];
	free(t.v);
	return n;
}

static struct fig_axis
lin(double lo, double hi, int integer)
{
	struct fig_axis a;

	memset(&a, 0, sizeof(a));
	fig_axis_linear(&a, lo, hi, NULL);
	a.integer = integer;
	return a;
}

static struct fig_axis
lg(double lo, double hi, int integer)
{
	struct fig_axis a;

	memset(&a, 0, sizeof(a));
	fig_axis_log(&a, lo, hi, NULL);
	a.integer = integer;
	return a;
}

static void
unit_range_should_get_fifths_or_tenths(void **state)
{
	struct fig_axis a = lin(0, 1, 0);

	(void)state;
	assert_string_equal(majors(&a, 6), "0 0.2 0.4 0.6 0.8 1");
	assert_string_equal(majors(&a, 11), "0 0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9 1");
	assert_string_equal(majors(&a, 3), "0 0.5 1");
}

static void
odd_range_should_get_nice_steps_inside_it(void **state)
{
	struct fig_axis a = lin(0.0375, 0.5, 0);

	(void)state;
	assert_string_equal(majors(&a, 6), "0.1 0.2 0.3 0.4 0.5");
	assert_string_equal(majors(&a, 10), "0.05 0.1 0.15 0.2 0.25 0.3 0.35 0.4 0.45 0.5");
}

static void
integer_axis_should_tick_only_integers(void **state)
{
	struct fig_axis a = lin(-3, 3, 1), b = lin(1, 6, 1), c = lin(0.5, 2.5, 1);

	(void)state;
	assert_string_equal(majors(&a, 8), "−3 −2 −1 0 1 2 3");
	assert_string_equal(majors(&a, 4), "−2 0 2");
	assert_string_equal(majors(&b, 8), "1 2 3 4 5 6");
	assert_string_equal(majors(&c, 10), "1 2");
}

static void
negative_zero_should_never_show(void **state)
{
	struct fig_axis a = lin(-0.3, 0.3, 0);

	(void)state;
	assert_string_equal(majors(&a, 7), "−0.3 −0.2 −0.1 0 0.1 0.2 0.3");
}

static void
huge_and_tiny_values_should_use_compact_exponents(void **state)
{
	struct fig_axis a = lin(0, 5e7, 0), b = lin(1e-5, 5e-5, 0);
	struct fig_axis c = lin(-1e308, 1e308, 0), d = lin(1e6, 1e6 + 1, 0);

	(void)state;
	assert_string_equal(majors(&a, 6), "0 1×10⁷ 2×10⁷ 3×10⁷ 4×10⁷ 5×10⁷");
	assert_string_equal(majors(&b, 5), "1×10⁻⁵ 2×10⁻⁵ 3×10⁻⁵ 4×10⁻⁵ 5×10⁻⁵");
	assert_string_equal(majors(&c, 6), "−1×10³⁰⁸ 1×10³⁰⁸");
	/* a narrow window on a big value keeps the digits that differ */
	assert_string_equal(majors(&d, 3), "1×10⁶ 1.0000005×10⁶ 1.000001×10⁶");
}

static void
log_axis_should_tick_decades_with_minors(void **state)
{
	struct fig_axis a = lg(1e-5, 1e-1, 0);

	(void)state;
	assert_string_equal(majors(&a, 8), "10⁻⁵ 10⁻⁴ 10⁻³ 10⁻² 10⁻¹");
	assert_int_equal(count_minor(&a, 8), 4 * 8);
}

static void
log_axis_should_use_one_label_style(void **state)
{
	struct fig_axis a = lg(0.001, 100, 0), b = lg(2, 60, 0), c = lg(1e-4, 1.5e-3, 0);

	(void)state;
	assert_string_equal(majors(&a, 8), "10⁻³ 10⁻² 10⁻¹ 10⁰ 10¹ 10²");
	/* less than two decades: 2 and 5 are labelled as well, all plain */
	assert_string_equal(majors(&b, 8), "2 5 10 20 50");
	/* 1, 2, 5 beyond the plain range: all m×10ⁿ, never "1e-4" beside "0.001" */
	assert_string_equal(majors(&c, 8), "1×10⁻⁴ 2×10⁻⁴ 5×10⁻⁴ 1×10⁻³");
}

/* Issue 13: every log axis gets at least 3 labelled ticks when it has room. */
static void
log_axis_should_label_at_least_three_ticks(void **state)
{
	struct fig_axis a = lg(0.05, 2, 0), b = lg(3e-4, 4e-3, 0);
	struct fig_axis c = lg(1e-6, 1e3, 0), d = lg(0.08, 1.2, 0);

	(void)state;
	/* two decades inside: 0.1 and 1, plus their 2s and 5s */
	assert_string_equal(majors(&a, 8), "0.05 0.1 0.2 0.5 1 2");
	assert_int_equal(count_labels(&b, 3) >= 3, 1);
	assert_int_equal(count_labels(&c, 3) >= 3, 1);
	assert_int_equal(count_labels(&c, 8) >= 3, 1);
	/* two decades with room for three labels: 1s and 3s, not 10⁻¹ 10⁰ */
	assert_string_equal(majors(&d, 3), "0.1 0.3 1");
	assert_string_equal(majors(&d, 4), "0.1 0.2 0.5 1");
}

static void
negative_numbers_should_take_a_minus_sign(void **state)
{
	struct fig_axis a = lin(-2e-5, 0, 0), b = lin(-1e7, 1e7, 0);

	(void)state;
	/* U+2212, as fig_fmt_value writes value labels, never a hyphen */
	assert_null(strchr(majors(&a, 3), '-'));
	assert_non_null(strstr(majors(&a, 3), "\u2212"));
	assert_string_equal(majors(&b, 3), "\u22121×10⁷ 0 1×10⁷");
}

static void
small_linear_range_should_get_two_labels_or_more(void **state)
{
	struct fig_axis a = lin(1e-5, 9e-4, 0), b = lin(1.2e-5, 1e-3, 0);

	(void)state;
	/* NNI's lr: 5×10⁻⁴ alone was the only label */
	assert_string_equal(majors(&a, 3), "2×10⁻⁴ 4×10⁻⁴ 6×10⁻⁴ 8×10⁻⁴");
	assert_true(count_labels(&b, 3) >= 2);
	assert_true(count_labels(&a, 6) >= 3);
}

static void
integer_log_axis_should_use_powers_of_two(void **state)
{
	struct fig_axis a = lg(16, 1024, 1), b = lg(1, 1e6, 1);

	(void)state;
	assert_string_equal(majors(&a, 8), "16 32 64 128 256 512 1024");
	assert_string_equal(majors(&a, 4), "16 64 256 1024");
	/* too wide for powers of two: decades */
	assert_string_equal(majors(&b, 8), "10⁰ 10¹ 10² 10³ 10⁴ 10⁵ 10⁶");
}

static void
wide_log_axis_should_label_every_kth_decade(void **state)
{
	struct fig_axis a = lg(1e-12, 1e12, 0), b = lg(1e-300, 1e300, 0);
	struct fig_ticks t;
	size_t nmajor = 0;

	(void)state;
	/* round numbers of decades (1, 2, 3, 5, 10, 20, 50 ...) */
	assert_string_equal(majors(&a, 8), "10⁻¹⁰ 10⁻⁵ 10⁰ 10⁵ 10¹⁰");
	assert_string_equal(majors(&b, 8),
	    "10⁻³⁰⁰ 10⁻²⁰⁰ 10⁻¹⁰⁰ 10⁰ 10¹⁰⁰ 10²⁰⁰ 10³⁰⁰");
	assert_string_equal(majors(&b, 4), "10⁻²⁰⁰ 10⁰ 10²⁰⁰");
	/* labels at round decades even when few fit (10⁻³⁰⁷ and 10¹⁹³ were
	 * the labels of 1e-307..1e193 in a matrix cell) */
	{
		struct fig_axis c = lg(1e-307, 1e193, 0);
		struct fig_ticks u;

		fig_axis_ticks(&c, 2, &u);
		for (size_t i = 0; i < u.n; i++)
			if (u.v[i].major && u.v[i].label[0]) {
				int e = (int)lround(log10(u.v[i].v));

				assert_int_equal(e % 100, 0);
			}
		free(u.v);
	}
	fig_axis_ticks(&a, 8, &t);
	for (size_t i = 0; i < t.n; i++)
		nmajor += t.v[i].major;
	assert_int_equal(nmajor, 5);
	assert_int_equal(t.n, 25);	/* every decade keeps a tick, no 2..9 minors */
	free(t.v);
}

static void
categorical_axis_should_tick_each_category(void **state)
{
	char l0[] = "adam", l1[] = "sgd";
	char l2[] = "a-very-long-optimizer-name-that-goes-on-and-on-forever";
	char *labels[] = { l0, l1, l2 };
	struct fig_axis a;
	struct fig_ticks t;

	(void)state;
	memset(&a, 0, sizeof(a));
	fig_axis_categorical(&a, labels, 3, "optimizer");
	fig_axis_ticks(&a, 2, &t);
	assert_int_equal(t.n, 3);
	assert_near(t.v[1].v, 1, 0);
	assert_string_equal(t.v[0].label, "adam");
	assert_string_equal(t.v[1].label, "sgd");
	assert_true(strlen(t.v[2].label) < sizeof(t.v[2].label));
	assert_non_null(strstr(t.v[2].label, "\xe2\x80\xa6"));
	/* cut in the middle: both ends survive (issue 13, defect 6) */
	assert_true(strncmp(t.v[2].label, "a-very-long", 11) == 0);
	assert_non_null(strstr(t.v[2].label, "on-and-on-forever"));
	free(t.v);
	fig_axis_release(&a);
}

static void
reversed_and_degenerate_ranges_should_still_tick(void **state)
{
	struct fig_axis a = lin(1, 0, 0), b = lin(3, 3, 0), c = lin(0, 0, 0);
	struct fig_axis d = lg(10, 10, 0), e = lin(NAN, 1, 0);

	(void)state;
	assert_string_equal(majors(&a, 6), "0 0.2 0.4 0.6 0.8 1");
	assert_string_equal(majors(&b, 4), "2.8 3 3.2");
	assert_string_equal(majors(&c, 3), "−0.5 0 0.5");
	assert_true(strlen(majors(&d, 6)) > 0);
	assert_string_equal(majors(&e, 3), "0 0.5 1");
}


/* Labels kept by fig_cat_ticks_thin, as "i i i" (category indices). */
static const char *
kept_labels(const struct fig_axis *a, int k)
{
	static char buf[1024];
	struct fig_ticks t;
	size_t o = 0;

	fig_axis_ticks(a, 2, &t);
	fig_cat_ticks_thin(a, &t, k);
	buf[0] = '\0';
	for (size_t i = 0; i < t.n; i++)
		if (t.v[i].label[0])
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%g",
			    o ? " " : "", t.v[i].v);
	free(t.v);
	return buf;
}

/* Too many categories to label: every k-th without priorities; with them
 * the first (best) one, then the heaviest that keep k slots apart, in
 * axis order. */
static void
categorical_labels_should_keep_the_ones_that_matter(void **state)
{
	char *labels[10] = { (char *)"c0", (char *)"c1", (char *)"c2", (char *)"c3",
	    (char *)"c4", (char *)"c5", (char *)"c6", (char *)"c7", (char *)"c8",
	    (char *)"c9" };
	double w[10] = { 1, 9, 2, 8, 0, 0, 7, 0, 0, 3 };
	struct fig_axis a;

	(void)state;
	memset(&a, 0, sizeof(a));
	fig_axis_categorical(&a, labels, 10, "choice");
	assert_string_equal(kept_labels(&a, 3), "0 3 6 9");
	assert_string_equal(kept_labels(&a, 1), "0 1 2 3 4 5 6 7 8 9");
	/* best = 5: then 1 (9 trials); 3 (8) is too near 5, 6 (7) too;
	 * 9 (3) fits; 0 .. 8 left none that fits */
	fig_axis_label_priority(&a, w, 5);
	assert_string_equal(kept_labels(&a, 3), "1 5 9");
	/* no best: 1, then 6 (7), then 9 (3) is too near 6 */
	fig_axis_label_priority(&a, w, -1);
	assert_string_equal(kept_labels(&a, 3), "1 6 9");
	assert_string_equal(kept_labels(&a, 2), "1 3 6 9");
	fig_axis_release(&a);
}

/* the values of labels and legends, written out by hand */
static void
values_should_read_as_four_significant_digits(void **state)
{
	char b[48];

	(void)state;
	assert_string_equal(fig_fmt_value(b, sizeof(b), 0.0375832), "0.03758");
	assert_string_equal(fig_fmt_value(b, sizeof(b), 1.80959), "1.81");
	assert_string_equal(fig_fmt_value(b, sizeof(b), -0.193043), "\u22120.193");
	assert_string_equal(fig_fmt_value(b, sizeof(b), 1234567), "1.235\u00d710\u2076");
	assert_string_equal(fig_fmt_value(b, sizeof(b), 1e-5), "10\u207b\u2075");
	assert_string_equal(fig_fmt_value(b, sizeof(b), -2.5e-7), "\u22122.5\u00d710\u207b\u2077");
	assert_string_equal(fig_fmt_value(b, sizeof(b), 0), "0");
	assert_string_equal(fig_fmt_value(b, sizeof(b), 1e300 * 1e300), "inf");
	assert_string_equal(fig_fmt_value(b, sizeof(b), -1e300 * 1e300), "\u2212inf");
	assert_string_equal(fig_fmt_value(b, sizeof(b), NAN), "nan");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(unit_range_should_get_fifths_or_tenths),
		cmocka_unit_test(values_should_read_as_four_significant_digits),
		cmocka_unit_test(odd_range_should_get_nice_steps_inside_it),
		cmocka_unit_test(integer_axis_should_tick_only_integers),
		cmocka_unit_test(negative_zero_should_never_show),
		cmocka_unit_test(huge_and_tiny_values_should_use_compact_exponents),
		cmocka_unit_test(log_axis_should_tick_decades_with_minors),
		cmocka_unit_test(log_axis_should_use_one_label_style),
		cmocka_unit_test(integer_log_axis_should_use_powers_of_two),
		cmocka_unit_test(wide_log_axis_should_label_every_kth_decade),
		cmocka_unit_test(log_axis_should_label_at_least_three_ticks),
		cmocka_unit_test(negative_numbers_should_take_a_minus_sign),
		cmocka_unit_test(small_linear_range_should_get_two_labels_or_more),
		cmocka_unit_test(categorical_axis_should_tick_each_category),
		cmocka_unit_test(categorical_labels_should_keep_the_ones_that_matter),
		cmocka_unit_test(reversed_and_degenerate_ranges_should_still_tick),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

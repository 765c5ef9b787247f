/*
 * test_cmap: colour maps and the colour bar mapping (src/figure/cmap.c).
 */
#include "testutil.h"

#include "hpreport/figure.h"

static void
assert_hex(struct fig_rgba c, unsigned int hex)
{
	assert_near(c.r * 255, (hex >> 16) & 0xff, 0.51);
	assert_near(c.g * 255, (hex >> 8) & 0xff, 0.51);
	assert_near(c.b * 255, hex & 0xff, 0.51);
	assert_near(c.a, 1, 0);
}

static void
viridis_should_match_the_published_ends_and_middle(void **state)
{
	(void)state;
	assert_hex(fig_cmap_at(FIG_CMAP_VIRIDIS, 0), 0x440154);
	assert_hex(fig_cmap_at(FIG_CMAP_VIRIDIS, 1), 0xfde725);
	/* matplotlib's viridis(0.5) is #21918c (entry 128) */
	assert_hex(fig_cmap_at(FIG_CMAP_VIRIDIS, 128.0 / 255), 0x21918c);
	/* out of range and NaN clamp to the ends */
	assert_hex(fig_cmap_at(FIG_CMAP_VIRIDIS, -3), 0x440154);
	assert_hex(fig_cmap_at(FIG_CMAP_VIRIDIS, 7), 0xfde725);
	assert_hex(fig_cmap_at(FIG_CMAP_VIRIDIS, NAN), 0x440154);
}

static void
cividis_and_blues_should_match_their_ends(void **state)
{
	(void)state;
	assert_hex(fig_cmap_at(FIG_CMAP_CIVIDIS, 0), 0x00224e);
	assert_hex(fig_cmap_at(FIG_CMAP_CIVIDIS, 1), 0xfee838);
	assert_hex(fig_cmap_at(FIG_CMAP_BLUES, 0), 0xf7fbff);
	assert_hex(fig_cmap_at(FIG_CMAP_BLUES, 1), 0x08306b);
	assert_hex(fig_cmap_at(FIG_CMAP_BLUES, 0.5), 0x6baed6);
}

static void
colorbar_should_map_lo_hi_and_reverse(void **state)
{
	struct fig_colorbar cb;

	(void)state;
	memset(&cb, 0, sizeof(cb));
	cb.on = 1;
	cb.cmap = FIG_CMAP_VIRIDIS;
	cb.lo = 10;
	cb.hi = 20;
	assert_hex(fig_colorbar_color(&cb, 10), 0x440154);
	assert_hex(fig_colorbar_color(&cb, 20), 0xfde725);
	assert_hex(fig_colorbar_color(&cb, 99), 0xfde725);
	cb.reversed = 1;
	assert_hex(fig_colorbar_color(&cb, 10), 0xfde725);
	assert_hex(fig_colorbar_color(&cb, 20), 0x440154);
}

static void
log_colorbar_should_put_the_geometric_middle_in_the_middle(void **state)
{
	struct fig_colorbar cb;
	struct fig_rgba a, b;

	(void)state;
	memset(&cb, 0, sizeof(cb));
	cb.cmap = FIG_CMAP_VIRIDIS;
	cb.scale = FIG_LOG;
	cb.lo = 1e-4;
	cb.hi = 1;
	a = fig_colorbar_color(&cb, 1e-2);
	b = fig_cmap_at(FIG_CMAP_VIRIDIS, 0.5);
	assert_near(a.r, b.r, 1e-9);
	assert_near(a.g, b.g, 1e-9);
	assert_hex(fig_colorbar_color(&cb, -5), 0x440154);
}

static void
discrete_colorbar_should_give_band_colours(void **state)
{
	double lv[] = { 0, 1, 2, 3 };
	struct fig_colorbar cb;
	struct fig_rgba a, b;

	(void)state;
	memset(&cb, 0, sizeof(cb));
	cb.cmap = FIG_CMAP_VIRIDIS;
	cb.lo = 0;
	cb.hi = 3;
	cb.discrete = 1;
	cb.levels = lv;
	cb.nlevels = 4;
	a = fig_colorbar_color(&cb, 1.2);
	b = fig_colorbar_color(&cb, 1.9);
	assert_near(a.g, b.g, 0);
	b = fig_cmap_at(FIG_CMAP_VIRIDIS, 0.5);
	assert_near(a.g, b.g, 1e-12);
}

static void
cmap_names_should_parse(void **state)
{
	enum fig_cmap c = FIG_CMAP_VIRIDIS;

	(void)state;
	assert_int_equal(fig_cmap_parse("cividis", &c), 0);
	assert_int_equal(c, FIG_CMAP_CIVIDIS);
	assert_int_equal(fig_cmap_parse("Blues", &c), 0);
	assert_int_equal(c, FIG_CMAP_BLUES);
	assert_int_equal(fig_cmap_parse("jet", &c), -1);
	assert_int_equal(c, FIG_CMAP_BLUES);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(viridis_should_match_the_published_ends_and_middle),
		cmocka_unit_test(cividis_and_blues_should_match_their_ends),
		cmocka_unit_test(colorbar_should_map_lo_hi_and_reverse),
		cmocka_unit_test(log_colorbar_should_put_the_geometric_middle_in_the_middle),
		cmocka_unit_test(discrete_colorbar_should_give_band_colours),
		cmocka_unit_test(cmap_names_should_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
